"""The demo: a year of points in every village with households, balances equal to the
approved entries, a pending entry and a redemption in the showcase village; run twice, once."""

import pytest
from django.db.models import Sum

from lianxin.points import demo
from lianxin.points.choices import EntryStatus, RatingStatus
from lianxin.points.models import Account, Entry, RatedHousehold, Redemption
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_year_of_points_once():
    for code in (f.XIGUO_VILLAGE, f.YINGXIU):
        for n in range(3):
            f.household(code, number=f"d{n}")
    result = demo.load()
    assert result["accounts"] == 6 and result["entries"] == 72
    assert demo.load() == {}
    for account in Account.objects.all():
        approved = account.entries.filter(status=EntryStatus.APPROVED).aggregate(s=Sum("points"))["s"]
        spent = account.redemptions.aggregate(s=Sum("points"))["s"] or 0
        assert account.balance == approved - spent
    assert Entry.objects.filter(org__code=f.YINGXIU, status=EntryStatus.PENDING).count() == 1
    assert Redemption.objects.filter(org__code=f.YINGXIU).count() == 1
    rated = RatedHousehold.objects.filter(rating__org__code=f.YINGXIU, rating__status=RatingStatus.CONFIRMED)
    assert rated.count() == 3 and rated.filter(category__name="示范户").count() == 1
