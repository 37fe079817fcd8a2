"""Has anything changed here? A validator for pages polled by the minute (issue 15.5).

`record()` marks, for each event with a place, the newest event per county and app
(`ChangeMark`). `changed_since` reads the marks under an org: the largest mark of the apps a
page shows is a validator (an ETag) that moves exactly when a service changed one of their
rows there — date-dependent figures aside, which is why callers put the day in the ETag.
An event with no place (a system job's, say) marks the empty code, which every page reads: it
may have changed anything, and a poll must not answer 304 over it."""

from django.db.models import Max, Q

from lianxin.audit.models import ChangeMark
from lianxin.core.scope import prefix_q

COUNTY_LENGTH = 6


def mark(org_code: str, app: str, seq: int) -> None:
    """Called by `record()` under the chain's lock."""
    ChangeMark.objects.update_or_create(code=org_code[:COUNTY_LENGTH], app=app, defaults={"seq": seq})


def last_change(org_code: str, apps) -> int:
    """The newest event of `apps` at or under `org_code` (or in the county above a township or
    village: a place's page also moves with its county's changes) or with no place, 0 if none."""
    scope = org_code[:COUNTY_LENGTH]
    marks = ChangeMark.objects.filter(prefix_q(scope, "code") | Q(code=""), app__in=list(apps))
    return marks.aggregate(seq=Max("seq"))["seq"] or 0
