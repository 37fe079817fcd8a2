"""Working days for publicity periods and step deadlines: Monday to Friday. (Public holidays
and the make-up working weekends of the State Council calendar are not modelled; a county that
needs them sets a longer period.)"""

from datetime import date, timedelta

from django.utils import timezone


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The last day of a period of `days` working days beginning on `start` (or on the next
    working day when `start` falls on a weekend)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start
    while not is_working_day(day):
        day += timedelta(days=1)
    counted = 1
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def today() -> date:
    """Today in the rating workflow's calendar (Asia/Shanghai); tests move it to reach the end
    of a publicity period."""
    return timezone.localdate()
