"""The weekly bulletin's figures, each derived from data already in the system, one line per
child unit (a county's townships, a city's counties), every count one grouped query over the
code range (`counts_by_child`). The 党群连心 figures come from the liaison board itself
(`lianxin.liaison.board.board`), so the bulletin and the board never disagree; only the share of
matters closed by their deadline, which the board does not count, is counted here. The
key-matters lists' state comes from `keylists` (two queries, any number of units).

The figures are for the whole county: they are read as a `Reader` whose scope is the bulletin's
org, whoever asked for the bulletin (a township reading it sees the county's ranking, as
published)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q

from lianxin.liaison.board import board
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Matter
from lianxin.liaison.plugin import Action as LiaisonAction
from lianxin.orgs.models import Org
from lianxin.orgs.stats import counts_by_child
from lianxin.planning.choices import PlanStatus, ReviewStatus
from lianxin.planning.models import CreationPlan, Measure, SelfAssessment
from lianxin.planning.plugin import Action as PlanningAction
from lianxin.rating.choices import ApplicationStatus
from lianxin.rating.models import Application
from lianxin.rating.plugin import Action as RatingAction
from lianxin.rhythm import keylists

# Ranked rates: key -> (Chinese name, the RhythmConfig field holding its floor).
RATES = {
    "on_time": ("措施按期完成率", "on_time_floor"),
    "in_time": ("事项及时办结率", "in_time_floor"),
    "satisfaction": ("群众满意率", "satisfaction_floor"),
    "coverage": ("联户覆盖率", "coverage_floor"),
}
COUNTS = (
    "measures_due",
    "on_time",
    "overdue",
    "done_week",
    "plans",
    "plans_accepted",
    "assessments",
    "assessments_confirmed",
    "matters_closed",
    "closed_in_time",
    "closed_week",
)


@dataclass(frozen=True)
class Reader:
    """Reads everything under one org: the `user` the scoped queries and the board ask for."""

    code: str
    is_authenticated = True
    is_active = True

    def scope_prefixes(self, action: str) -> list[str]:
        return [self.code]


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def week_of(day: date) -> tuple[date, date]:
    """(Monday, Sunday) of the week before `day`'s week: Monday's bulletin reports last week."""
    monday = day - timedelta(days=day.weekday()) - timedelta(days=7)
    return monday, monday + timedelta(days=6)


def compute(org: Org, week_start: date) -> dict:
    """Every unit's counts and rates for the week `week_start`..+6 (as of its Sunday)."""
    end = week_start + timedelta(days=6)
    reader = Reader(org.code)
    parts = _planning(org, reader, week_start, end) + [_matters(org, reader, week_start, end)]
    rows, total = board(reader, org, end)
    units = []
    for row in rows:
        counts = {key: 0 for key in COUNTS}
        for part in parts:
            counts.update({k: v or 0 for k, v in part.get(row.code, {}).items()})
        units.append(_unit(row.code, row.name, counts, row))
    totals = {key: sum(u["counts"][key] for u in units) for key in COUNTS}
    return {
        "org": org.code,
        "name": org.name,
        "kind": org.kind,
        "week_start": week_start.isoformat(),
        "week_end": end.isoformat(),
        "units": units,
        "total": _unit(org.code, "合计", totals, total),
        "rating": _rating(org, reader, week_start, end),
        "key_matters": keylists.week_state(org, week_start, end),
    }


def _unit(code, name, counts, board_row) -> dict:
    liaison = {
        "households": board_row.households,
        "linked": board_row.linked,
        "visits_week": board_row.visits_7,
        "open": board_row.open,
        "overdue_matters": board_row.overdue,
    }
    rates = {
        "on_time": rate(counts["on_time"], counts["measures_due"]),
        "plans_accepted": rate(counts["plans_accepted"], counts["plans"]),
        "assessments_confirmed": rate(counts["assessments_confirmed"], counts["assessments"]),
        "in_time": rate(counts["closed_in_time"], counts["matters_closed"]),
        "satisfaction": board_row.satisfaction,
        "coverage": board_row.coverage,
    }
    return {"code": code, "name": name, "counts": counts | liaison, "rates": rates}


def _planning(org, reader, start, end) -> list[dict]:
    year = start.year
    measures = Measure.objects.restrict(reader, PlanningAction.PLANS_VIEW).filter(plan__year=year)
    return [
        counts_by_child(
            org,
            measures,
            "plan__org__code",
            measures_due=Count("pk", filter=Q(deadline__lte=end)),
            on_time=Count("pk", filter=Q(deadline__lte=end, completed_at__lte=F("deadline"))),
            overdue=Count("pk", filter=Q(deadline__lt=end, completed_at__isnull=True)),
            done_week=Count("pk", filter=Q(completed_at__range=(start, end))),
        ),
        counts_by_child(
            org,
            CreationPlan.objects.restrict(reader, PlanningAction.PLANS_VIEW).filter(year=year),
            "org__code",
            plans=Count("pk"),
            plans_accepted=Count("pk", filter=Q(status=PlanStatus.ACCEPTED)),
        ),
        counts_by_child(
            org,
            SelfAssessment.objects.filter(plan__year=year),
            "plan__org__code",
            assessments=Count("pk"),
            assessments_confirmed=Count("pk", filter=Q(review_status=ReviewStatus.CONFIRMED)),
        ),
    ]


def _matters(org, reader, start, end) -> dict:
    closed = Matter.objects.restrict(reader, LiaisonAction.LIAISON_VIEW).filter(
        status=MatterStatus.CLOSED, closed_at__date__lte=end
    )
    return counts_by_child(
        org,
        closed,
        "org__code",
        matters_closed=Count("pk"),
        closed_in_time=Count("pk", filter=Q(closed_at__date__lte=F("deadline"))),
        closed_week=Count("pk", filter=Q(closed_at__date__gte=start)),
    )


def _rating(org, reader, start, end) -> dict:
    """The rating pipeline this year: where applications stand, and what moved this week."""
    apps = Application.objects.restrict(reader, RatingAction.RATING_VIEW).filter(year=start.year)
    return apps.aggregate(
        in_review=Count("pk", filter=Q(status=ApplicationStatus.IN_REVIEW)),
        publicity=Count("pk", filter=Q(status__in=(ApplicationStatus.APPROVED, ApplicationStatus.PUBLICITY))),
        determined=Count("pk", filter=Q(status=ApplicationStatus.DETERMINED)),
        submitted_week=Count("pk", filter=Q(submitted_at__date__range=(start, end))),
        decided_week=Count("pk", filter=Q(decided_at__date__range=(start, end))),
        determined_week=Count("pk", filter=Q(determined_at__date__range=(start, end))),
    )
