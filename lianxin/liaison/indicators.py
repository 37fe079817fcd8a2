"""党群连心's computed indicators for the star standards (lianxin/core/indicators.py): link
coverage and satisfaction as the board computes them (its BoardRow, over the per-village
summary rows), visits per household over the year's visit days, and matters closed within
their time limit. One or two grouped queries each, whatever the number of villages.

Coverage and satisfaction are the summary rows' current figures (they are kept as running
totals, not per year); visits and matters are counted in the year asked for."""

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.indicators import Indicator
from lianxin.liaison.board import BoardRow
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Matter, VillageLiaison, VisitDay

SUMMARY = {
    "households": "households",
    "linked": "linked_households",
    "satisfied": "satisfied",
    "basic": "basic",
    "unsatisfied": "unsatisfied",
}


def _rows(codes: list[str]) -> dict[str, BoardRow]:
    """The board's row of each village, from its summary row (one query)."""
    found = VillageLiaison.objects.filter(code__in=codes).values("code", *SUMMARY.values())
    return {r["code"]: BoardRow(r["code"], "", {k: r[v] for k, v in SUMMARY.items()}) for r in found}


def link_coverage(codes: list[str], year: int) -> dict:
    rows = _rows(codes)
    return {code: rows[code].coverage if code in rows else None for code in codes}


def satisfaction(codes: list[str], year: int) -> dict:
    rows = _rows(codes)
    return {code: rows[code].satisfaction if code in rows else None for code in codes}


def visits_per_household(codes: list[str], year: int) -> dict:
    visits = dict(
        VisitDay.objects.filter(code__in=codes, date__year=year)
        .values("code")
        .annotate(n=Sum("visits"))
        .values_list("code", "n")
    )
    households = dict(VillageLiaison.objects.filter(code__in=codes).values_list("code", "households"))
    return {
        code: round((visits.get(code) or 0) / households[code], 1) if households.get(code) else None for code in codes
    }


def matters_closed_in_time(codes: list[str], year: int) -> dict:
    """The share of the year's closed matters closed by their (last level's) time limit."""
    counts = {
        r["org__code"]: r
        for r in Matter.objects.filter(org__code__in=codes, status=MatterStatus.CLOSED, closed_at__year=year)
        .values("org__code")
        .annotate(closed=Count("pk"), in_time=Count("pk", filter=Q(closed_at__date__lte=F("deadline"))))
    }
    return {
        code: round(100 * counts[code]["in_time"] / counts[code]["closed"], 1) if code in counts else None
        for code in codes
    }


def _list(name: str, **query):
    def url(code: str, year: int) -> str:
        return reverse(name) + "?" + "&".join(f"{k}={v}" for k, v in {"place": code, **query}.items())

    return url


LINK_COVERAGE = Indicator(_("党员联户覆盖率"), "%", link_coverage, _list("registers:household_list"))
VISITS_PER_HOUSEHOLD = Indicator(_("户均走访次数"), _("次"), visits_per_household, _list("liaison:visit_list"))
MATTERS_IN_TIME = Indicator(
    _("诉求事项按时办结率"), "%", matters_closed_in_time, _list("liaison:matter_list", status=MatterStatus.CLOSED)
)
SATISFACTION = Indicator(_("群众满意率"), "%", satisfaction, _list("liaison:matter_list", status=MatterStatus.CLOSED))
