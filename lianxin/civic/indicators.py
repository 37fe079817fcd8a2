"""Civic indicators for the star standards (lianxin/core/indicators.py): the year's three-zero
months, disputes settled in the village, volunteer hours per volunteer. One grouped query each
(volunteer hours: two), whatever the number of villages."""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.civic.choices import Outcome
from lianxin.civic.models import Dispute, SignIn, Volunteer, ZeroReport
from lianxin.core.indicators import Indicator

ALL_ZERO = Q(petitions=0, incidents=0, cases=0)


def three_zero_months(codes: list[str], year: int) -> dict:
    found = dict(
        ZeroReport.objects.filter(ALL_ZERO, org__code__in=codes, month__year=year)
        .values("org__code")
        .annotate(n=Count("pk"))
        .values_list("org__code", "n")
    )
    return {code: found.get(code, 0) for code in codes}


def resolved_in_village(codes: list[str], year: int) -> dict:
    """The share of the year's closed disputes settled by mediation in the village."""
    rows = {
        r["org__code"]: r
        for r in Dispute.objects.filter(org__code__in=codes, closed_on__year=year)
        .values("org__code")
        .annotate(closed=Count("pk"), mediated=Count("pk", filter=Q(outcome=Outcome.MEDIATED)))
    }
    return {
        code: round(100 * rows[code]["mediated"] / rows[code]["closed"], 1) if code in rows else None for code in codes
    }


def volunteer_hours(codes: list[str], year: int) -> dict:
    """The year's signed-in hours per registered volunteer."""
    hours = dict(
        SignIn.objects.filter(activity__org__code__in=codes, activity__date__year=year)
        .values("activity__org__code")
        .annotate(h=Sum("hours"))
        .values_list("activity__org__code", "h")
    )
    people = dict(
        Volunteer.objects.filter(org__code__in=codes)
        .values("org__code")
        .annotate(n=Count("pk"))
        .values_list("org__code", "n")
    )
    return {code: round(float(hours.get(code) or 0) / people[code], 1) if people.get(code) else None for code in codes}


def _list(name: str):
    return lambda code, year: f"{reverse(name)}?place={code}"


THREE_ZERO_MONTHS = Indicator(_("“三零”月数"), _("个月"), three_zero_months, _list("civic:zero_list"))
RESOLVED_IN_VILLAGE = Indicator(_("矛盾纠纷村内化解率"), "%", resolved_in_village, _list("civic:dispute_list"))
VOLUNTEER_HOURS = Indicator(_("人均志愿服务时长"), _("小时"), volunteer_hours, _list("civic:volunteer_list"))
