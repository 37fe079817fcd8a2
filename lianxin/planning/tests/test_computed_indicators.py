"""The self-assessment shows, beside the village's claim, the value the system computes for a
work item that names an indicator (lianxin/core/indicators.py), links to the records behind it,
and tells the township where the claim and the computed value differ."""

import pytest
from django.urls import reverse

from lianxin.audit.services import Actor
from lianxin.core import indicators
from lianxin.core.indicators import Indicator
from lianxin.planning import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def half_of_households(monkeypatch):
    """One indicator that finds 50 % in every village."""
    found = Indicator("参与积分户数比例", "%", lambda codes, year: dict.fromkeys(codes, 50.0), lambda c, y: f"/r/{c}/")
    monkeypatch.setattr(indicators, "registry", lambda: {"points.households_share": found})


def test_the_computed_value_stands_beside_the_claim(half_of_households, plans, users, login):
    plan = plans["plan"]
    item = plan.standard.key_tasks.get(work_items__title="积分覆盖户数").work_items.get(title="积分覆盖户数")
    item.indicator_code, item.indicator_comparison, item.indicator_threshold = "points.households_share", ">=", 80
    item.save()
    services.assess_all(Actor.system("t"), plan, [(item, True, "全部参与")])
    page = login(users["township"]).get(reverse("planning:assessment", args=[plan.pk])).content.decode()
    assert "参与积分户数比例 50 %" in page and f'href="/r/{plan.org.code}/"' in page
    assert "与自评不符" in page and "1 项自评与系统计算不符" in page


def test_a_claim_that_agrees_is_not_flagged(half_of_households, plans, users, login):
    plan = plans["plan"]
    item = plan.standard.key_tasks.get(work_items__title="积分覆盖户数").work_items.get(title="积分覆盖户数")
    item.indicator_code, item.indicator_comparison, item.indicator_threshold = "points.households_share", ">=", 40
    item.save()
    services.assess_all(Actor.system("t"), plan, [(item, True, "")])
    page = login(users["township"]).get(reverse("planning:assessment", args=[plan.pk])).content.decode()
    assert "参与积分户数比例 50 %" in page and "与自评不符" not in page


def test_unknown_indicators_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        indicators.known_indicator("nobody.nothing")
