"""Computed indicators: what the system already knows about a village, offered to the star
standards so that a work item can name one and the self-assessment shows the computed value
beside the village's own claim (issue 13, "the stars read it").

An app that owns the data declares its indicators in its plugin (`indicators`: code -> dotted
path of an `Indicator`); the core collects them here, and the apps that show them (standards,
planning, rating) read them through this module, never importing the owning apps. Each
indicator computes its value for a set of villages and a year in a fixed number of queries,
and names the page with the records behind the figure."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lianxin.core.plugins import load_object, plugins


@dataclass(frozen=True)
class Indicator:
    label: str
    unit: str
    # (village codes, year) -> {village code: value or None when there is nothing to measure}
    compute: Callable[[list[str], int], dict[str, float | int | None]]
    # (village code, year) -> the URL of the records behind the value
    records: Callable[[str, int], str]


@dataclass(frozen=True)
class Reading:
    """An indicator's value for one village and year, and whether it meets a work item's bar."""

    code: str
    indicator: Indicator
    value: float | int | None
    url: str
    meets: bool | None  # None: no bar to compare with, or no value

    @property
    def text(self) -> str:
        return "—" if self.value is None else f"{self.value:g} {self.indicator.unit}".strip()

    def differs_from(self, claimed_met: bool | None) -> bool:
        """The village claims met (or not) and the computed value says otherwise."""
        return claimed_met is not None and self.meets is not None and claimed_met != self.meets


@cache
def registry() -> dict[str, Indicator]:
    """Indicator code (`app.name`) -> indicator, from every plugin."""
    return {code: load_object(path) for p in plugins().values() for code, path in p.indicators.items()}


def known_indicator(code: str) -> None:
    """A work item may name only an indicator some installed app computes."""
    if code and code not in registry():
        raise ValidationError(_("没有这个系统计算指标：%(code)s") % {"code": code})


def choices() -> list[tuple[str, str]]:
    return [(code, f"{indicator.label}（{indicator.unit}）") for code, indicator in registry().items()]


def meets(value, comparison: str, threshold: Decimal | None) -> bool | None:
    if value is None or threshold is None or not comparison:
        return None
    value, threshold = Decimal(str(value)), Decimal(threshold)
    return {">=": value >= threshold, "<=": value <= threshold, "=": value == threshold}.get(comparison)


def readings(items: Iterable, village_code: str, year: int) -> dict[int, Reading]:
    """Work item id -> its reading for the village: one computation per indicator named, each in
    its own fixed number of queries. Items name their indicator in `indicator_code` and their bar
    in `indicator_comparison` / `indicator_threshold`; an unknown code is skipped."""
    found = readings_for(((item, village_code) for item in items), year)
    return {pk: reading for (pk, _village), reading in found.items()}


def readings_for(pairs: Iterable[tuple], year: int) -> dict[tuple[int, str], Reading]:
    """(work item, village code) pairs -> (item id, village code) -> reading: each indicator is
    computed once for every village that needs it, so a township's or a county's comparison
    costs one computation per indicator named, whatever the number of villages."""
    found = registry()
    pairs = [(item, village) for item, village in pairs if item.indicator_code in found]
    villages: dict[str, set[str]] = {}
    for item, village in pairs:
        villages.setdefault(item.indicator_code, set()).add(village)
    values = {code: found[code].compute(sorted(codes), year) for code, codes in villages.items()}
    return {
        (item.pk, village): Reading(
            code=item.indicator_code,
            indicator=found[item.indicator_code],
            value=values[item.indicator_code].get(village),
            url=found[item.indicator_code].records(village, year),
            meets=meets(values[item.indicator_code].get(village), item.indicator_comparison, item.indicator_threshold),
        )
        for item, village in pairs
    }
