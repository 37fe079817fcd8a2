"""The home page is the workbench (工作台): every role lands on what waits on it, never on the
old dead end "这是村(社区)一级，没有下级单位。"; a role with nothing to do (a responsible unit,
whose matters other work hands to it) gets an honest empty state; those with a jurisdiction
keep its overview below the cards."""

import pytest

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, make_user
from lianxin.core.plugins import Card
from lianxin.orgs import services
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.views import grouped

pytestmark = pytest.mark.django_db


def test_a_village_lands_on_its_work_not_on_a_dead_end(users, login):
    body = login(users["village"]).get("/").content.decode()
    assert "工作台" in body and 'data-testid="card"' in body
    assert "这是村(社区)一级" not in body and 'id="overview"' not in body


def test_a_township_keeps_its_overview_below_the_cards(users, login):
    body = login(users["township"]).get("/").content.decode()
    assert body.index('data-testid="workbench"') < body.index('id="overview"')
    assert "西虢村" in body  # one of its villages, in the overview


@pytest.mark.parametrize(("role", "work"), [(Role.UNIT, "重点事项"), (Role.LECTURER, "培训")])
def test_a_unit_and_a_lecturer_find_their_own_work(users, login, role, work):
    """The roles added for the key-matters and training lists land on their cards too."""
    county = Org.objects.get(code=MENGZHOU)
    unit = services.create_unit(Actor.system("tests"), county, OrgKind.RESPONSIBLE_UNIT, "市住建局")
    body = login(make_user(f"u_{role}", role, unit.code)).get("/").content.decode()
    assert 'data-testid="card"' in body and work in body


def test_no_cards_is_an_honest_empty_state():
    from django.template.loader import render_to_string

    body = render_to_string("core/_workbench.html", {"card_groups": []})
    assert 'data-testid="workbench-empty"' in body and "暂无待办" in body


def test_cards_are_grouped_in_the_order_their_groups_first_appear():
    cards = [Card("a", 1, group="甲"), Card("b", 2, group="乙"), Card("c", 3, group="甲")]
    assert [(g, [c.title for c in cs]) for g, cs in grouped(cards)] == [("甲", ["a", "c"]), ("乙", ["b"])]
