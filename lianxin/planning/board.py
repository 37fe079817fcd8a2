"""The battle map (挂图作战): every village × five stars, read from the per-village summary
rows. A county or township sees its villages; a city or the province sees one line per child
unit, counted by one GROUP BY over the code range (architecture §5).

Every function takes the user the board is for and reads only rows that user may see
(`restrict(user, planning.view)`), so a caller cannot show a board outside the user's scope by
forgetting to check the org first."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgLevel, ancestor_code
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import by_child
from lianxin.orgs.stats import counts_by_child
from lianxin.planning.choices import CellStatus
from lianxin.planning.models import BOARD_CELLS, CreationPlan, Measure, VillageYearSummary
from lianxin.planning.plugin import Action
from lianxin.planning.rollups import BOARD, board_aggregates
from lianxin.standards.choices import Star

STATUS_ORDER = [CellStatus.MET, CellStatus.IN_PROGRESS, CellStatus.PLANNED, CellStatus.OVERDUE, CellStatus.NOT_TARGETED]


@dataclass
class VillageRow:
    code: str
    name: str
    township: str
    plan_id: int | None
    cells: list[str]  # CellStatus per star, in Star order
    measures_total: int = 0
    measures_done: int = 0


@dataclass
class GroupRow:
    code: str
    name: str
    villages: int
    counts: dict = field(default_factory=dict)  # star -> {status: n}


def is_village_board(org: Org) -> bool:
    return org.level >= OrgLevel.COUNTY


def village_rows(user, org: Org, year: int, today: date, township: str = "") -> list[VillageRow]:
    """Three queries whatever the size: townships, villages, summary rows (+ plan ids)."""
    scope = prefix_q(township if township.startswith(org.code) and township else org.code)
    orgs = Org.objects.restrict(user, Action.PLANS_VIEW)
    townships = dict(
        orgs.filter(scope, level=OrgLevel.TOWNSHIP, kind__in=GEOGRAPHIC_KINDS).values_list("code", "short_name")
    )
    if org.level == OrgLevel.TOWNSHIP:
        townships[org.code] = org.short_name
    villages = orgs.filter(scope, kind__in=GRASSROOTS_KINDS).values_list("pk", "code", "short_name").order_by("code")
    summaries = {
        s.org_id: s
        for s in VillageYearSummary.objects.restrict(user, Action.PLANS_VIEW).filter(
            prefix_q(org.code, "org_code"), year=year
        )
    }
    plans = dict(
        CreationPlan.objects.restrict(user, Action.PLANS_VIEW)
        .filter(prefix_q(org.code, "org__code"), year=year)
        .values_list("org_id", "pk")
    )
    rows = []
    for pk, code, name in villages:
        summary = summaries.get(pk)
        cells = [summary.cell(s.value, today) if summary else CellStatus.NOT_TARGETED for s in Star]
        rows.append(
            VillageRow(
                code=code,
                name=name,
                township=townships.get(ancestor_code(code, OrgLevel.TOWNSHIP), ""),
                plan_id=plans.get(pk),
                cells=cells,
                measures_total=summary.measures_total if summary else 0,
                measures_done=summary.measures_done if summary else 0,
            )
        )
    return rows


def filter_rows(rows: list[VillageRow], star: str = "", status: str = "") -> list[VillageRow]:
    if not status:
        return rows
    index = [s.value for s in Star].index(star) if star else None
    if index is None:
        return [r for r in rows if status in r.cells]
    return [r for r in rows if r.cells[index] == status]


def star_counts(rows: list[VillageRow]) -> dict:
    """star -> Counter(status -> villages)."""
    return {star.value: Counter(r.cells[i] for r in rows) for i, star in enumerate(Star)}


def township_counts(rows: list[VillageRow]) -> list[dict]:
    """Per township (in code order): its code, name, villages and, per star, villages met /
    overdue."""
    by_township: dict[str, list[VillageRow]] = {}
    for row in rows:
        by_township.setdefault(ancestor_code(row.code, OrgLevel.TOWNSHIP), []).append(row)
    result = []
    for code, members in sorted(by_township.items()):
        counts = star_counts(members)
        result.append(
            {
                "code": code,
                "name": members[0].township,
                "villages": len(members),
                "met": [counts[s.value][CellStatus.MET] for s in Star],
                "overdue": [counts[s.value][CellStatus.OVERDUE] for s in Star],
            }
        )
    return result


def group_rows(user, org: Org, year: int, today: date) -> list[GroupRow]:
    """Province or city: one line per child unit, summed from the per-county rollups (one query
    besides the children) when the user may see all of `org`; else counted from the village
    summary rows the user may see (one grouped query over the code range)."""
    orgs = Org.objects.restrict(user, Action.PLANS_VIEW)
    children = list(
        orgs.filter(parent=org, kind__in=GEOGRAPHIC_KINDS)
        .order_by("code")
        .values_list("code", "short_name", "grassroots")
    )
    rolled = by_child(BOARD, user, Action.PLANS_VIEW, org, [year], today)
    if rolled is not None:
        grouped = {code: values for (code, _year), values in rolled.items()}
        villages = {code: stored for code, _name, stored in children}
    else:
        summaries = VillageYearSummary.objects.restrict(user, Action.PLANS_VIEW).filter(year=year)
        grouped = counts_by_child(org, summaries, "org_code", **board_aggregates(today))
        totals = counts_by_child(org, orgs.filter(kind__in=GRASSROOTS_KINDS), n=Count("pk"))
        villages = {code: totals.get(code, {}).get("n", 0) for code, _name, _stored in children}
    rows = []
    for code, name, _stored in children:
        found = grouped.get(code, {})
        counts = {}
        for star in Star.values:
            cells = {cell: found.get(f"{star}_{cell}", 0) for cell in BOARD_CELLS}
            cells[CellStatus.NOT_TARGETED] = villages[code] - sum(cells.values())
            counts[star] = cells
        rows.append(GroupRow(code=code, name=name, villages=villages[code], counts=counts))
    return rows


def progress_chart(user, org: Org, year: int) -> dict:
    """Measures completed per month and cumulatively: one grouped query."""
    done = (
        Measure.objects.restrict(user, Action.PLANS_VIEW)
        .filter(prefix_q(org.code, "plan__org__code"), plan__year=year, completed_at__isnull=False)
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    labels, monthly, cumulative, running = [], [], [], 0
    for row in done:
        running += row["n"]
        labels.append(row["month"].strftime("%Y-%m"))
        monthly.append(row["n"])
        cumulative.append(running)
    return {"labels": labels, "monthly": monthly, "cumulative": cumulative}
