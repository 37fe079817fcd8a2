"""Test data made through the services, as a user's click would make it (style.md habit 5)."""

from datetime import date

from lianxin.points import services
from lianxin.points.choices import Period
from lianxin.points.models import Rule, Scheme
from lianxin.registers.tests.factories import (
    DADING,
    DADING_VILLAGE,
    SYSTEM,
    XIGUO,
    XIGUO_VILLAGE,
    YINGXIU,
    household,
    org,
)

DAY = date(2026, 3, 10)


def scheme(code: str = XIGUO_VILLAGE, threshold: int = 5) -> Scheme:
    """The township's template (two items) copied into the village's book."""
    village = org(code)
    if not Rule.objects.filter(org_id=village.parent_id).exists():
        services.add_rule(SYSTEM, village.parent, name="义务劳动", points=2, limit=2, period=Period.MONTH)
        services.add_rule(SYSTEM, village.parent, name="移风易俗", points=10, limit=1, period=Period.YEAR)
    return services.copy_template(SYSTEM, village, auto_approve_up_to=threshold)


def rule(code: str = XIGUO_VILLAGE, name: str = "义务劳动") -> Rule:
    return Rule.objects.get(org__code=code, name=name)


def entry(code: str = XIGUO_VILLAGE, number: str = "001", name: str = "义务劳动", day: date = DAY):
    if not Scheme.objects.filter(org__code=code).exists():
        scheme(code)
    h = household(code, number=number)
    return services.enter_points(SYSTEM, h, rule(code, name), day=day)


def goods(code: str = XIGUO_VILLAGE, price: int = 10, stock: int = 3):
    g = services.add_goods(SYSTEM, org(code), name="食用油", price=price)
    services.donate(SYSTEM, g, quantity=stock, donor="爱心超市")
    g.refresh_from_db()
    return g


__all__ = ["DADING", "DADING_VILLAGE", "SYSTEM", "XIGUO", "XIGUO_VILLAGE", "YINGXIU", "household", "org"]
