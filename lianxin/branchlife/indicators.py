"""Branch life's computed indicators for the star standards (lianxin/core/indicators.py):
三会一课 held in the year, the months with a 主题党日, and the members' attendance. One
grouped query each, whatever the number of branches."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.branchlife.choices import THREE_MEETINGS_ONE_LECTURE, MeetingKind
from lianxin.branchlife.models import Meeting
from lianxin.branchlife.queries import attendance_by, rate
from lianxin.core.indicators import Indicator


def _per_branch(codes: list[str], year: int, **aggregate) -> dict:
    rows = Meeting.objects.filter(org__code__in=codes, date__year=year).values("org__code").annotate(**aggregate)
    return {r["org__code"]: r["n"] for r in rows}


def meetings_held(codes: list[str], year: int) -> dict:
    held = _per_branch(codes, year, n=Count("pk", filter=Q(kind__in=THREE_MEETINGS_ONE_LECTURE)))
    return {code: held.get(code, 0) for code in codes}


def theme_day_months(codes: list[str], year: int) -> dict:
    months = _per_branch(
        codes, year, n=Count(ExtractMonth("date"), distinct=True, filter=Q(kind=MeetingKind.THEME_DAY))
    )
    return {code: months.get(code, 0) for code in codes}


def attendance(codes: list[str], year: int) -> dict:
    found = attendance_by(Q(meeting__org__code__in=codes), "meeting__org__code", year)
    return {code: rate(*found[code]) if code in found else None for code in codes}


def _meetings(code: str, year: int) -> str:
    return f"{reverse('branchlife:meeting_list')}?place={code}&year={year}"


MEETINGS_HELD = Indicator(_("三会一课召开次数"), _("次"), meetings_held, _meetings)
THEME_DAY_MONTHS = Indicator(_("开展主题党日的月数"), _("个月"), theme_day_months, _meetings)
ATTENDANCE = Indicator(_("党员参会率"), "%", attendance, _meetings)
