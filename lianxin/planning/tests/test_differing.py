"""The township's (and county's) list of villages whose self-assessment the computed indicator
contradicts: per work item, both values, links to the assessment and the records; each
indicator computed once for all the villages; an export; a workbench card only when some
differ."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, XIGUO
from lianxin.core import indicators
from lianxin.core.changes import today
from lianxin.core.indicators import Indicator
from lianxin.planning import services, workbench
from lianxin.planning.differing import differences

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("t")


@pytest.fixture
def computed(monkeypatch):
    """An indicator finding 50 % in every village; `calls` lists the village sets it was asked for."""
    calls = []

    def compute(codes, year):
        calls.append(tuple(codes))
        return dict.fromkeys(codes, 50.0)

    found = Indicator("参与积分户数比例", "%", compute, lambda c, y: f"/r/{c}/")
    monkeypatch.setattr(indicators, "registry", lambda: {"points.households_share": found})
    return calls


def bar(item, threshold):
    item.indicator_code, item.indicator_comparison = "points.households_share", ">="
    item.indicator_threshold = threshold
    item.save()


def test_the_township_sees_its_differing_villages(computed, plans, users, login):
    bar(plans["item"], 80)
    services.assess_all(SYSTEM, plans["plan"], [(plans["item"], True, "全覆盖")])
    services.assess_all(SYSTEM, plans["other_plan"], [(plans["item"], True, "全覆盖")])
    client = login(users["township"])
    page = client.get(reverse("planning:differing", args=[XIGUO])).content.decode()
    village = plans["plan"].org
    assert village.short_name in page and plans["other_plan"].org.short_name not in page
    assert "参与积分户数比例 50 %" in page and f'href="/r/{village.code}/"' in page and "已达标" in page
    assert reverse("planning:assessment", args=[plans["plan"].pk]) in page
    assert client.get(reverse("planning:differing", args=[DADING])).status_code == 404
    assert client.get(reverse("planning:differing", args=[village.code])).status_code == 404  # a village has no list


def test_the_county_sees_all_with_one_computation(computed, plans, users):
    bar(plans["item"], 80)
    for plan in (plans["plan"], plans["other_plan"]):
        services.assess_all(SYSTEM, plan, [(plans["item"], True, "")])
    computed.clear()
    rows = differences(users["office"], plans["plan"].org.parent.parent, plans["year"])
    assert {d.village.code for d in rows} == {plans["plan"].org.code, plans["other_plan"].org.code}
    assert len(computed) == 1 and len(computed[0]) == 2
    assert plans["plan"].org.parent.parent.code == MENGZHOU


def test_an_agreeing_claim_is_not_listed_and_no_card(computed, plans, users):
    bar(plans["item"], 40)
    services.assess_all(SYSTEM, plans["plan"], [(plans["item"], True, "")])
    assert differences(users["township"], plans["plan"].org.parent, plans["year"]) == []
    titles = [c.title for c in workbench.cards(users["township"], today())]
    assert "自评与系统计算不一致的村" not in titles


def test_the_card_and_the_export(computed, plans, users, login):
    bar(plans["item"], 80)
    services.assess_all(SYSTEM, plans["plan"], [(plans["item"], True, "")])
    card = next(c for c in workbench.cards(users["township"], today()) if c.title == "自评与系统计算不一致的村")
    assert card.count == 1 and plans["plan"].org.short_name in card.detail
    answer = login(users["township"]).get(card.url + "&export=xlsx")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert plans["plan"].org.short_name in cells and "50 %" in cells and "已达标" in cells
