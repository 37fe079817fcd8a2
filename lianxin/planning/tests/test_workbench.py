"""创星规划 on the workbench: each card counts what it says and opens exactly those rows; the
village's and the township's workbench cost the same queries with more data. The `plans`
world: 西虢镇's plan (the `township` user's) and 迎秀社区's (the `village` user's)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import XIGUO, measure_data
from lianxin.core.plugins import card_day
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.models import CreationPlan, Measure
from lianxin.testing.pages import Page, PageTests, fresh
from lianxin.testing.workbench import cards, check_card

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def add_measure(plan, deadline, description="措施"):
    return services.save_measure(
        SYSTEM, plan, None, measure_data(plan_item(plan), deadline=deadline, description=description)
    )


def plan_item(plan):
    return plan.standard.key_tasks.get(number=1).work_items.first()


def submitted(plan):
    branch = plan.stars.get(star="branch")
    services.update_plan_star(SYSTEM, branch, targeted=True, strengths="", weaknesses="", weak_items=[])
    return services.submit_plan(SYSTEM, plan)


def test_village_sees_its_returned_plan_and_why(plans, users, login):
    plan = submitted(plans["other_plan"])
    services.return_plan(SYSTEM, plan, "措施时间节点不具体")
    client = login(users["village"])
    card = check_card(client, "规划已退回", [plan])
    assert card.tone == "danger" and "措施时间节点不具体" in card.detail


def test_village_measures_due_within_a_week_and_overdue(plans, users, login):
    plan = plans["other_plan"]  # its measure is due in 30 days: in neither card
    soon = [add_measure(plan, days(0)), add_measure(plan, days(7))]
    late = [add_measure(plan, days(-1)), add_measure(plan, days(-20))]
    add_measure(plans["plan"], days(-3))  # 西虢镇's: not the village's
    client = login(users["village"])
    week = check_card(client, "7日内到期的措施", soon)
    overdue = check_card(client, "已逾期的措施", late)
    assert week.tone == "warn" and card_day(days(0), days(0)) in week.detail
    assert overdue.tone == "danger" and card_day(days(-20), days(0)) in overdue.detail


def test_village_without_a_plan_is_asked_to_make_one(plans, users, login):
    CreationPlan.objects.filter(pk=plans["other_plan"].pk).delete()
    card = cards(login(users["village"]))["本年度创星规划"]
    assert card.count == 0 and card.url.endswith("/planning/new/")


def test_township_reviews_plans_assessments_and_overdue_villages(plans, users, login):
    plan = submitted(plans["plan"])
    services.assess_all(SYSTEM, plan, [(plan_item(plan), True, "已完成")])
    other = CreationPlan.objects.get(pk=services.create_plan(SYSTEM, Org.objects.get(code=XIGUO + "202"), plan.year).pk)
    add_measure(other, days(-2))
    submitted(plans["other_plan"])  # 大定街道's: not the township's
    client = login(users["township"])
    check_card(client, "待审核的规划", [plan])
    check_card(client, "待确认自评的村", [plan])
    check_card(client, "有逾期措施的村", [other])


def test_township_sees_its_declaration_against_the_county_rule(plans, users, login):
    villages = Org.objects.filter(parent__code=XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code")
    services.save_declaration(SYSTEM, Org.objects.get(code=XIGUO), plans["year"], five_star=villages[:1], four_star=[])
    card = cards(login(users["township"]))["乡镇申报未达县里要求"]
    assert card.tone == "warn" and "拟创五星 1（至少 1）· 四星 0（至少 4）" in card.detail
    services.save_declaration(
        SYSTEM, Org.objects.get(code=XIGUO), plans["year"], five_star=villages[:1], four_star=villages[1:5]
    )
    assert "乡镇申报已达县里要求" in cards(login(users["township"]))


def test_county_office_sees_the_townships_behind(plans, users, login):
    card = cards(login(users["office"]))["申报未达要求的乡镇"]
    townships = Org.objects.filter(parent__code="410883", level=4).count()
    assert card.count == townships  # nobody has declared yet
    response = login(users["office"]).get(card.url)
    assert response.status_code == 200 and sum(not row.met for row in response.context["rows"]) == card.count


def add_village_measures(world, n):
    for i in fresh(world, n):
        add_measure(world["other_plan"], days(-i), f"逾期{i}")
        add_measure(world["other_plan"], days(i % 7), f"将到期{i}")


def add_township_work(world, n):
    """More 西虢镇 villages with a submitted plan and an overdue measure."""
    taken = set(CreationPlan.objects.values_list("org_id", flat=True))
    villages = Org.objects.filter(parent__code=XIGUO, kind__in=GRASSROOTS_KINDS).exclude(pk__in=taken)
    for village in villages.order_by("code")[:n]:
        plan = services.create_plan(SYSTEM, village, world["year"])
        add_measure(plan, days(-1))
        submitted(plan)


class TestWorkbenchPages(PageTests):
    cases = (
        Page("workbench-village", lambda w: "/", None, "village", grow=add_village_measures),
        Page("workbench-township", lambda w: "/", None, "township", grow=add_township_work),
    )

    @pytest.fixture
    def world(self, plans):
        return dict(plans)


def test_measure_list_shows_measures_in_scope_only(plans, users, login):
    response = login(users["village"]).get("/planning/measures/")
    assert {row.pk for row in response.context["table"].data.data} == set(
        Measure.objects.filter(plan=plans["other_plan"]).values_list("pk", flat=True)
    )
