"""Three-zero statistics (三零) per month for the children of any org (township → villages,
county → townships, city → counties): reports and three-zero months from the villages'
monthly reports, and disputes settled in the village, each one grouped query over the code
range (lianxin.orgs.stats.counts_by_child) — two queries whatever the size."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from lianxin.civic.choices import Outcome
from lianxin.civic.indicators import ALL_ZERO
from lianxin.civic.models import Dispute, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.orgs.models import Org
from lianxin.orgs.stats import counts_by_child


def three_zero(user, org: Org, year: int) -> dict:
    """(child code, month) -> {reports, zero_villages, petitions, incidents, cases, resolved}."""
    reports = counts_by_child(
        org,
        ZeroReport.objects.restrict(user, Action.CIVIC_VIEW).filter(month__year=year),
        "org__code",
        per=("month",),
        reports=Count("pk"),
        zero_villages=Count("pk", filter=ALL_ZERO),
        petitions=Sum("petitions"),
        incidents=Sum("incidents"),
        cases=Sum("cases"),
    )
    resolved = counts_by_child(
        org,
        Dispute.objects.restrict(user, Action.CIVIC_VIEW)
        .filter(closed_on__year=year, outcome=Outcome.MEDIATED)
        .annotate(month=TruncMonth("closed_on")),
        "org__code",
        per=("month",),
        resolved=Count("pk"),
    )
    out = {key: {**row, "resolved": 0} for key, row in reports.items()}
    for key, row in resolved.items():
        out.setdefault(key, {"reports": 0, "zero_villages": 0, "petitions": 0, "incidents": 0, "cases": 0})
        out[key]["resolved"] = row["resolved"]
    return out
