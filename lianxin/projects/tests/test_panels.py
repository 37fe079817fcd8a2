"""The project list's panel on a village's battle map and plan page (issue 12): what it shows,
to whom, and at what cost; the village board's page contract (lianxin/testing/pages.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lianxin.accounts import models as accounts_models
from lianxin.core.plugins import role_actions
from lianxin.projects import services
from lianxin.projects.tests import factories as f
from lianxin.standards.choices import Star
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db


def board(code: str) -> str:
    return reverse("planning:board", args=[code]) + "?year=2026"


def funded(title: str, supply, amount="10", code=f.XIGUO_VILLAGE, year=2026):
    demand = services.report_demand(
        f.SYSTEM, f.org(code), year=year, title=title, star=Star.ECOLOGY, amount_asked=Decimal(amount)
    )
    services.match(f.SYSTEM, demand, supply=supply, amount=Decimal(amount), reason="重点村")
    return demand


TITLE = "本村已匹配资金的项目（金额：万元）"


def panel_of(body: str) -> str:
    start = body.index(TITLE)
    return body[start : body.index("</section>", start)]


def test_township_sees_its_villages_funded_projects_with_sources_and_totals(login, users):
    roads, school = f.supply(fund="衔接资金", amount="100"), f.supply(department="县教育局", fund="薄改资金")
    road = f.demand(title="村道硬化", amount="50", work_item="道路硬化率")
    services.match(f.SYSTEM, road, supply=roads, amount=Decimal("30"), reason="x")
    services.match(f.SYSTEM, road, supply=school, amount=Decimal("20"), reason="x")
    services.report_progress(f.SYSTEM, road, spent=Decimal("12.5"), progress="路基完成")
    funded("文化广场", roads, amount="8")
    f.demand(title="未匹配的需求")
    funded("邻村的项目", roads, code=f.XIGUO + "202")

    panel = panel_of(login(users["township"]).get(board(f.XIGUO_VILLAGE)).content.decode())

    assert "县农业农村局 · 衔接资金；县教育局 · 薄改资金" in panel
    assert "生态宜居星 · 道路硬化率" in panel and "实施中：路基完成" in panel
    assert "文化广场" in panel and "未匹配的需求" not in panel and "邻村的项目" not in panel
    assert "合计 2 个项目" in panel and "58.00" in panel and "12.50" in panel
    assert f"?place={f.XIGUO_VILLAGE}&amp;year=2026&amp;unmatched=false" in panel


def test_the_panel_links_to_the_same_rows_in_the_demand_list(login, users):
    supply = f.supply()
    funded("村道硬化", supply)
    funded("邻村的项目", supply, code=f.XIGUO + "202")
    f.demand(title="未匹配的需求")
    client = login(users["township"])
    panel = panel_of(client.get(board(f.XIGUO_VILLAGE)).content.decode())
    link = panel.split('<a class="btn btn-sm btn-outline-secondary" href="')[1].split('"')[0].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert "村道硬化" in listed and "邻村的项目" not in listed and "未匹配的需求" not in listed


def test_village_sees_its_own_panel_and_an_empty_state_without_funded_projects(login, users):
    client = login(users["village"])
    body = client.get(board(f.DADING_VILLAGE)).content.decode()
    assert "2026 年本村还没有匹配到资金的项目。" in panel_of(body)
    funded("社区服务中心", f.supply(), code=f.DADING_VILLAGE)
    assert "社区服务中心" in panel_of(client.get(board(f.DADING_VILLAGE)).content.decode())


def test_another_township_gets_404_on_the_village_board(login, users):
    funded("村道硬化", f.supply())
    assert login(users["neighbour"]).get(board(f.XIGUO_VILLAGE)).status_code == 404


def test_a_township_board_links_a_village_without_a_plan_to_its_map_and_shows_no_panel(login, users):
    funded("村道硬化", f.supply())
    client = login(users["township"])
    body = client.get(board(f.XIGUO)).content.decode()
    assert 'data-testid="village-panel"' not in body
    assert f'href="{board(f.XIGUO_VILLAGE)}"' in body
    assert "村道硬化" in panel_of(client.get(board(f.XIGUO_VILLAGE)).content.decode())


def test_without_the_projects_view_action_there_is_no_panel(login, users, monkeypatch):
    funded("村道硬化", f.supply())
    actions = dict(role_actions())
    actions["township"] = actions["township"] - {"projects.view"}
    monkeypatch.setattr(accounts_models, "role_actions", lambda: actions)
    response = login(users["township"]).get(board(f.XIGUO_VILLAGE))
    assert response.status_code == 200 and TITLE not in response.content.decode()


def test_the_plan_page_shows_the_panel(login, users, plans):
    plan = plans["plan"]
    funded("村道硬化", f.supply(), code=plan.org.code, year=plan.year)
    funded("往年的项目", f.supply(fund="往年资金"), code=plan.org.code, year=plan.year - 1)
    body = login(users["township"]).get(plan.get_absolute_url()).content.decode()
    assert "村道硬化" in panel_of(body) and "往年的项目" not in panel_of(body)


def add_funded(world, n):
    for i in fresh(world, n):
        funded(f"项目{i}", world["supply"], amount="1")


class TestVillageBoard(PageTests):
    """The board of one village, with its project panel: constant queries with 2 or 5 projects."""

    cases = (
        Page(
            "village_board",
            lambda w: board(f.XIGUO_VILLAGE),
            "planning.view",  # the board's action, named not imported (projects may not import planning)
            "township",
            outside=lambda w: board(f.DADING_VILLAGE),
            outside_user="neighbour",
            grow=add_funded,
            sizes=(1, 5),
        ),
    )

    @pytest.fixture
    def world(self):
        return {"supply": f.supply(amount="1000")}
