"""Months of the key-matters list. A month is named by its first day; its list is every matter
entered by its last day and not done before its first — so an open matter carries over to the
next month by itself, and a done one is on the list of the month it was done in, then only in
history."""

from calendar import monthrange
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _


def first_day(day: date) -> date:
    return day.replace(day=1)


def last_day(month: date) -> date:
    return month.replace(day=monthrange(month.year, month.month)[1])


def parse_month(text: str | None, default: date) -> date:
    """'2026-11' → 2026-11-01; empty → the month of `default`; anything else is refused."""
    if not text:
        return first_day(default)
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError as exc:
        raise ValidationError(_("月份格式应为 年-月，如 2026-11")) from exc


def shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def on_list(month: date, prefix: str = "") -> Q:
    """The matters on the list of `month` (`prefix` reaches the matter from another model)."""
    return Q(**{f"{prefix}entered_on__lte": last_day(month)}) & (
        Q(**{f"{prefix}done_on__isnull": True}) | Q(**{f"{prefix}done_on__gte": month})
    )


def open_at_end(month: date, prefix: str = "") -> Q:
    """Still open when `month` ended (or today, for the current month: nothing is done later)."""
    return Q(**{f"{prefix}entered_on__lte": last_day(month)}) & (
        Q(**{f"{prefix}done_on__isnull": True}) | Q(**{f"{prefix}done_on__gt": last_day(month)})
    )


def done_in(month: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}done_on__gte": month, f"{prefix}done_on__lte": last_day(month)})


def overdue_in(month: date, today: date, prefix: str = "") -> Q:
    """Open at the month's end (or today) past its deadline."""
    cutoff = min(last_day(month), today)
    return open_at_end(month, prefix) & Q(**{f"{prefix}deadline__lt": cutoff})
