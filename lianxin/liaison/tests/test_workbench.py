"""党群连心 on the workbench: matters waiting at the user's level (and past their limit), the
village's households due a visit, a party member's linked households and their matters. Each
card counts what it says and opens exactly those rows; the workbench of the village, the
township and the member cost the same queries with more data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.core.plugins import card_day
from lianxin.liaison import services
from lianxin.liaison.tests.factories import XIGUO_VILLAGE, YINGXIU, household, matter, member, visit
from lianxin.registers import services as registers
from lianxin.registers.tests.factories import SYSTEM
from lianxin.testing.pages import Page, PageTests, fresh
from lianxin.testing.workbench import cards, check_card

pytestmark = pytest.mark.django_db


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def test_matters_to_handle_are_those_at_the_users_level(users, login, monkeypatch):
    at_village = matter(YINGXIU, "井盖缺失")
    escalated = services.escalate_matter(SYSTEM, matter(YINGXIU, "道路破损"), "村级无法解决")
    at_township = services.escalate_matter(SYSTEM, matter(XIGUO_VILLAGE, "排水不畅"), "村级无法解决")
    check_card(login(users["village"]), "待我办理的诉求事项", [at_village])
    check_card(login(users["township"]), "待我办理的诉求事项", [at_township])
    check_card(login(users["neighbour"]), "待我办理的诉求事项", [escalated])
    late = timezone.localdate() + timedelta(days=8)  # past the village's 7 days, within the township's 15
    monkeypatch.setattr(timezone, "localdate", lambda *args: late)
    card = check_card(login(users["village"]), "超期未办结", [at_village])
    assert card.tone == "danger"
    assert cards(login(users["neighbour"]))["超期未办结"].count == 0


def test_village_households_due_a_visit(users, login):
    fresh_visit, old_visit, never = (household(YINGXIU, number=n) for n in ("001", "002", "003"))
    visit(fresh_visit, day=days_ago(29))
    visit(old_visit, day=days_ago(30))
    left = household(YINGXIU, number="004")
    registers.record_departure(SYSTEM, left, "moved", days_ago(1))  # off the roll: not due
    household(XIGUO_VILLAGE, number="005")  # another village's
    card = check_card(login(users["village"]), "30天未走访的农户", [old_visit, never])
    assert card.detail == "在册 3 户"


def test_member_sees_linked_households_visits_due_and_their_matters(users, login):
    me = member(YINGXIU, user=users["member"])
    other = member(YINGXIU, name="张志强", mobile="13900139001")
    mine = [household(YINGXIU, number=n) for n in ("001", "002")]
    theirs = household(YINGXIU, number="003")
    for h in mine:
        registers.link_household(SYSTEM, me, h)
    registers.link_household(SYSTEM, other, theirs)
    visit(mine[0], me, day=days_ago(3))
    raised = visit(mine[1], me, raised="屋顶漏雨", make_matter=True, day=days_ago(40)).matter
    visit(theirs, other, raised="路灯不亮", make_matter=True)
    client = login(users["member"])
    linked = check_card(client, "我联系的农户", mine)
    assert linked.detail == f"最近一次走访 {card_day(days_ago(3), days_ago(0))}"
    check_card(client, "该走访了", mine[1:])
    check_card(client, "联系户的诉求事项", [raised])


def add_village_work(world, n):
    for i in fresh(world, n):
        h = household(YINGXIU, number=f"1{i:02d}")
        visit(h, raised=f"诉求{i}", make_matter=True, day=days_ago(31))


def add_township_work(world, n):
    for i in fresh(world, n):
        services.escalate_matter(SYSTEM, matter(XIGUO_VILLAGE, f"事项{i}"), "村级无法解决")


def add_member_work(world, n):
    for i in fresh(world, n):
        h = household(YINGXIU, number=f"2{i:02d}")
        registers.link_household(SYSTEM, world["me"], h)
        visit(h, world["me"], raised=f"诉求{i}", make_matter=True, day=days_ago(i))


class TestWorkbenchPages(PageTests):
    cases = (
        Page("workbench-village", lambda w: "/", None, "village", grow=add_village_work),
        Page("workbench-township", lambda w: "/", None, "township", grow=add_township_work),
        Page("workbench-member", lambda w: "/", None, "member", grow=add_member_work),
    )

    @pytest.fixture
    def world(self, users):
        return {"me": member(YINGXIU, user=users["member"])}
