"""Test data made through the services (style.md habit 5)."""

from datetime import date

from lianxin.branchlife import services
from lianxin.branchlife.choices import MeetingKind
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, YINGXIU, member, org

DAY = date(2026, 3, 5)


def meeting(code: str = XIGUO_VILLAGE, kind: str = MeetingKind.THEME_DAY, day: date = DAY, members=None, absent=None):
    members = members if members is not None else [member(code, name="李红梅")]
    return services.record_meeting(
        SYSTEM, org(code), kind=kind, day=day, topic="学习党章", present=members, absent=absent or {}
    )


__all__ = ["DADING_VILLAGE", "SYSTEM", "XIGUO_VILLAGE", "YINGXIU", "member", "org"]
