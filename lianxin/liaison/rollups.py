"""The live board's per-county rollup (lianxin/orgs/rollups.py explains the mechanism): the
figures a city or province board shows, so that it sums one row per county instead of every
village's summary row, visit day and open matter (issue 15: ~120 ms for 焦作市).

The figures come from three kinds of rows: the per-village summary (households, links, members,
closed matters and their satisfaction), the visit days (last 7 and 30 days) and the matters and
consultations (open, overdue, this month's). The last two depend on the day, so the rows are
counted as of a day and `refresh_rollups` recounts them nightly.

They are the standing state, not a year's: every row has year `STANDING`. Every liaison service
that changes a counted row calls `refresh_county` in its transaction; the registers' changes of
households, members and links reach it through `summaries.refresh_village` (their
`roll_changed` signal), so the registers need not know of it. Guidance's findings are not in the
rollup (guidance may not import liaison): the board counts the few open ones directly."""

from datetime import date, timedelta

from django.db.models import Count, FloatField, Q, Sum, Value
from django.db.models.functions import Coalesce

from lianxin.core.changes import today
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Consultation, CountyLiaisonRollup, Matter, VillageLiaison, VisitDay
from lianxin.orgs import rollups
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import Rollup, Source

STANDING = 0


def _standing(manager):
    return lambda: manager.annotate(year=Value(STANDING)).order_by()


def _sum(field: str, **kwargs):
    return Coalesce(Sum(field, **kwargs), 0)


def summary_aggregates(day: date | None = None) -> dict:
    return {
        "households": _sum("households"),
        "linked": _sum("linked_households"),
        "members": _sum("members"),
        "closed": _sum("matters_closed"),
        "close_days": Coalesce(Sum("close_days_total"), Value(0.0), output_field=FloatField()),
        "satisfied": _sum("satisfied"),
        "basic": _sum("basic"),
        "unsatisfied": _sum("unsatisfied"),
    }


def last_30_days(day: date) -> Q:
    return Q(date__gte=day - timedelta(days=29))


def visit_aggregates(day: date) -> dict:
    return {"visits_30": _sum("visits"), "visits_7": _sum("visits", filter=Q(date__gte=day - timedelta(days=6)))}


def matter_aggregates(day: date) -> dict:
    return {"open": Count("pk"), "overdue": Count("pk", filter=Q(deadline__lt=day))}


def this_month(day: date) -> Q:
    return Q(date__gte=day.replace(day=1))


def consultation_aggregates(day: date) -> dict:
    return {"consultations": Count("pk")}


LIAISON = Rollup(
    model=CountyLiaisonRollup,
    rows=_standing(VillageLiaison.objects),
    code_field="code",
    aggregates=summary_aggregates,
    more=(
        Source(_standing(VisitDay.objects), "code", visit_aggregates, window=last_30_days),
        Source(_standing(Matter.objects.filter(status=MatterStatus.OPEN)), "org__code", matter_aggregates),
        Source(_standing(Consultation.objects), "org__code", consultation_aggregates, window=this_month),
    ),
)


def add_visits(village: Org, day: date, n: int) -> None:
    """`n` visits logged on `day` in `village`: its county's row gains them in place when it was
    counted today (its 7- and 30-day windows end today, so the sum stays exact); otherwise the
    county is recounted. Recounting 孟州市 read its 500,000 visits' days and took 30 of a visit's
    37 ms, all of it under the rollup row's lock, which every visit of the county waits for."""
    on = today()
    delta = {
        "visits_30": n if day >= on - timedelta(days=29) else 0,
        "visits_7": n if day >= on - timedelta(days=6) else 0,
    }
    rollups.add(LIAISON, village, STANDING, on, delta)


def refresh_county(org: Org) -> None:
    """Recount the rollup of the county `org` is in (or of every county under it), in the
    caller's transaction."""
    rollups.refresh(LIAISON, org, STANDING, today())
