"""Workbench cards of the village-life apps: what waits on the user, counted, linking to the
list, in a fixed number of queries whatever the data."""

from datetime import date

import pytest

from lianxin.audit.services import Actor
from lianxin.points import services
from lianxin.points import workbench as points_cards
from lianxin.points.tests import factories as f

pytestmark = pytest.mark.django_db


def test_pending_entries_for_the_approver_but_not_the_one_who_entered_them(users, django_assert_num_queries):
    f.scheme(threshold=0)
    township = users["township"]
    services.enter_points(Actor(user=township), f.household(number="t"), f.rule(), day=f.DAY)
    services.enter_points(f.SYSTEM, f.household(number="s"), f.rule(), day=f.DAY)
    points_cards.cards(township, date.today())  # the user's grants, read once
    with django_assert_num_queries(1):
        (card,) = points_cards.cards(township, date.today())
    assert card.count == 1 and "status=pending" in card.url
    assert points_cards.cards(users["member"], date.today()) == []
