"""The rating evidence shows, for the applied stars' work items that name a computed indicator,
the value the system computes for the village beside its own self-assessment, flagged where
the two differ (issue 13, "the stars read it")."""

import pytest
from django.urls import reverse

from lianxin.audit.services import Actor
from lianxin.core import indicators
from lianxin.core.indicators import Indicator
from lianxin.planning import services as planning
from lianxin.rating.tests.cases import _application

pytestmark = pytest.mark.django_db


def test_computed_value_beside_the_claim(monkeypatch, plans, users, login):
    found = Indicator("党员联户覆盖率", "%", lambda codes, year: dict.fromkeys(codes, 91.8), lambda c, y: f"/r/{c}/")
    monkeypatch.setattr(indicators, "registry", lambda: {"liaison.link_coverage": found})
    plan = plans["plan"]
    item = next(i for t in plan.standard.key_tasks.all() for i in t.work_items.all() if i.title == "党员联系户全覆盖")
    item.indicator_code = "liaison.link_coverage"
    item.save()
    planning.assess_all(Actor.system("t"), plan, [(item, True, "全覆盖")])
    application = _application(plan.org.code)
    page = login(users["township"]).get(reverse("rating:application_detail", args=[application.pk])).content.decode()
    assert "系统计算指标" in page and "党员联户覆盖率 91.8 %" in page
    assert f'href="/r/{plan.org.code}/"' in page and "与自评不符" in page  # claims 100 %, has 91.8
