"""Points' computed indicators: the share of households with approved points in the year, and
the months with redemptions; both offered through the core's registry, and named by the
sample standard's items."""

import pytest
from django.utils import timezone

from lianxin.core import indicators
from lianxin.points import services
from lianxin.points.indicators import households_share, shop_months
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_registry_offers_the_points_and_liaison_indicators():
    assert {"points.households_share", "points.shop_months", "liaison.link_coverage"} <= set(indicators.registry())


def test_share_of_households_with_approved_points_in_the_year():
    year = timezone.localdate().year
    f.scheme(threshold=0)
    a, b = f.household(number="a"), f.household(number="b")
    f.household(number="c")
    pending = services.enter_points(f.SYSTEM, a, f.rule(), day=timezone.localdate())
    assert households_share([f.XIGUO_VILLAGE, f.DADING_VILLAGE], year) == {f.XIGUO_VILLAGE: 0.0, f.DADING_VILLAGE: None}
    services.approve_entry(f.SYSTEM, pending)
    services.enter_points(f.SYSTEM, b, f.rule(), day=timezone.localdate())  # pending: not counted
    assert households_share([f.XIGUO_VILLAGE], year) == {f.XIGUO_VILLAGE: 33.3}
    assert households_share([f.XIGUO_VILLAGE], year - 1) == {f.XIGUO_VILLAGE: 0.0}


def test_months_with_redemptions(django_assert_max_num_queries):
    entry = f.entry(name="移风易俗")
    services.approve_entry(f.SYSTEM, entry)
    goods = f.goods(price=1, stock=5)
    for day in (f.DAY, f.DAY.replace(day=20), f.DAY.replace(month=5)):
        services.redeem(f.SYSTEM, entry.account.household, goods, day=day)
    with django_assert_max_num_queries(1):
        assert shop_months([f.XIGUO_VILLAGE, f.DADING_VILLAGE], f.DAY.year) == {f.XIGUO_VILLAGE: 2, f.DADING_VILLAGE: 0}


def test_the_sample_standard_names_the_indicators(plans):
    items = {i.title: i.indicator_code for i in plans["standard"].key_tasks.all() for i in i.work_items.all()}
    assert items["积分覆盖户数"] == "points.households_share"
    assert items["党员联系户全覆盖"] == "liaison.link_coverage"
