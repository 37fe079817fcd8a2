"""The battle map's per-county rollup (lianxin/orgs/rollups.py explains the mechanism): for
each star, the villages met, in progress, planned and overdue, counted from the per-village
summary rows. Overdue depends on the day, so these figures are counted as of a day."""

from datetime import date

from django.db.models import Count, Q

from lianxin.orgs.rollups import Rollup
from lianxin.planning.choices import CellStatus
from lianxin.planning.models import CountyBoardRollup, VillageYearSummary
from lianxin.standards.choices import Star


def board_aggregates(today: date) -> dict:
    """Per star: villages per cell status as of `today`; overdue wins over the stored status
    unless the star is met (VillageYearSummary.cell)."""
    aggregates = {}
    for star in Star.values:
        status, due = f"{star}_status", f"{star}_due"
        overdue = Q(**{f"{due}__lt": today}) & ~Q(**{status: CellStatus.MET})
        aggregates[f"{star}_{CellStatus.OVERDUE}"] = Count("pk", filter=overdue)
        for cell in (CellStatus.MET, CellStatus.IN_PROGRESS, CellStatus.PLANNED):
            aggregates[f"{star}_{cell}"] = Count("pk", filter=Q(**{status: cell}) & ~overdue)
    return aggregates


BOARD = Rollup(
    model=CountyBoardRollup,
    rows=VillageYearSummary.objects.all,
    code_field="org_code",
    aggregates=board_aggregates,
)
