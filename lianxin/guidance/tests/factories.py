"""Test data made through the services, as a user's click would make it (style.md habit 5)."""

from datetime import timedelta

from django.utils import timezone

from lianxin.guidance import services
from lianxin.guidance.choices import BranchCategory
from lianxin.registers.tests.factories import (
    BOAI,
    DADING,
    DADING_VILLAGE,
    MENGZHOU,
    SYSTEM,
    XIGUO,
    XIGUO_VILLAGE,
    YINGXIU,
    cadre,
    household,
    member,
    org,
)


def finding(code: str = XIGUO_VILLAGE, cadre_obj=None, deadline=None):
    c = cadre_obj or cadre()
    g = services.record_guidance(
        SYSTEM,
        c,
        org(code),
        day=timezone.localdate(),
        notes="指导",
        findings=[("三会一课记录不全", deadline or timezone.localdate() + timedelta(days=10))],
    )
    return g.findings.get()


def assignment(code: str = XIGUO_VILLAGE, cadre_obj=None):
    return services.assign_area(
        SYSTEM, cadre_obj or cadre(), org(code), year=timezone.localdate().year, category=BranchCategory.WEAK
    )


def weak(code: str = XIGUO_VILLAGE, cadre_obj=None):
    return services.list_weak_branch(
        SYSTEM, org(code), year=timezone.localdate().year, reasons="班子不团结", cadre=cadre_obj
    )


__all__ = [
    "BOAI",
    "DADING",
    "DADING_VILLAGE",
    "MENGZHOU",
    "SYSTEM",
    "XIGUO",
    "XIGUO_VILLAGE",
    "YINGXIU",
    "cadre",
    "household",
    "member",
    "org",
]
