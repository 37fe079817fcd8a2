"""评星定级 on the workbench: each card counts what it says and opens exactly those rows (the
review queue's rows for "待我审核"); the village's, the township's and the office's workbench
cost the same queries with more data. Applications are walked through the real services
(test_pages.walk): 西虢镇's villages are the `township` user's, 迎秀社区 the `village` user's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import DADING
from lianxin.core.plugins import card_day
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.choices import ApplicationStatus, Decision, StepKind
from lianxin.rating.models import Application
from lianxin.rating.tests.helpers import YINGXIU, pending, star_task_forces, task_force_users
from lianxin.rating.tests.test_pages import grow_to, villages, walk
from lianxin.testing.pages import Page, PageTests, run
from lianxin.testing.workbench import cards, check_card

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


@pytest.fixture
def world(plans, monkeypatch):
    star_task_forces()
    return {"monkeypatch": monkeypatch, "_made": 0}


def queue_rows(client, url) -> set[int]:
    return {step.pk for step in client.get(url).context["steps"]}


def test_village_sees_its_returned_application_and_why(world, users, login):
    (application,) = walk(world, [Org.objects.get(code=YINGXIU)], "submitted")
    services.review(SYSTEM, pending(application).get(), Decision.RETURN, comment="佐证材料不全")
    client = login(users["village"])
    card = check_card(client, "申报已退回", [application])
    assert card.tone == "danger" and "佐证材料不全" in card.detail


def test_village_in_review_says_where_it_is(world, users, login):
    (application,) = walk(world, [Org.objects.get(code=YINGXIU)], "submitted")
    card = check_card(login(users["village"]), "申报审核中", [application])
    assert card.detail == "当前环节：乡镇（街道）初审"


def test_township_queue_card_counts_the_queue(world, users, login):
    mine = walk(world, villages(world, 2), "submitted")
    walk(world, [Org.objects.get(code=DADING + "002")], "submitted")  # 大定街道's: the neighbour's
    client = login(users["township"])
    card = cards(client)["待我审核的申报"]
    steps = {pending(a).get().pk for a in mine}
    assert card.count == 2 and queue_rows(client, card.url) == steps
    assert "最近时限" in card.detail


def test_task_force_sees_the_reviews_of_its_star(world, users, login):
    forces = star_task_forces()
    tf = task_force_users(forces)
    (application,) = walk(world, villages(world, 1), "submitted")
    services.review(SYSTEM, pending(application).get(), Decision.APPROVE)
    client = login(tf["branch"])
    card = cards(client)["待我审核的申报"]
    assert card.count == 1 and queue_rows(client, card.url) == {pending(application, star="branch").get().pk}
    assert cards(login(tf["industry"]))["待我审核的申报"].count == 0


def test_office_sees_the_pipeline_per_stage(world, users, login):
    at_township = walk(world, villages(world, 2), "submitted")
    (at_force,) = walk(world, villages(world, 1), "submitted")
    services.review(SYSTEM, pending(at_force).get(), Decision.APPROVE)
    approved = walk(world, villages(world, 1), "approved")
    client = login(users["office"])
    check_card(client, str(StepKind.TOWNSHIP.label), at_township)
    check_card(client, str(StepKind.TASK_FORCE.label), [at_force])
    check_card(client, str(ApplicationStatus.APPROVED.label), approved)


def test_office_sees_objections_and_publicity_ending(world, users, login, monkeypatch):
    publicised = walk(world, villages(world, 2), "publicity")
    services.lodge_objection(Actor(user=None, ip="127.0.0.1", label="public"), publicised[0], content="不属实")
    client = login(users["office"])
    check_card(client, "有待处理异议的申报", publicised[:1])
    assert cards(client)["公示即将结束"].count == 0
    end = Application.objects.get(pk=publicised[0].pk).publicity.end_date
    monkeypatch.setattr(timezone, "localdate", lambda *args: end - timedelta(days=1))
    card = check_card(client, "公示即将结束", publicised)
    assert card.tone == "warn" and card_day(end, end) in card.detail


def test_office_quota_card_without_quotas_says_so(world, users, login):
    card = cards(login(users["office"]))["名额使用"]
    assert card.count is None and card.detail == "本年度尚未设定名额"


class TestWorkbenchPages(PageTests):
    cases = (
        Page("workbench-township", lambda w: "/", None, "township", grow=grow_to("submitted")),
        Page("workbench-office", lambda w: "/", None, "office", grow=grow_to("publicity")),
    )

    @pytest.fixture
    def world(self, plans, monkeypatch):
        star_task_forces()
        return {"monkeypatch": monkeypatch, "_made": 0}


def test_village_workbench_queries_do_not_grow(world, users, login):
    """A village has one open application a year: more statuses, not more rows, is its growth."""
    client = login(users["village"])
    client.get("/")
    before, _ = run(client, "/")
    (application,) = walk(world, [Org.objects.get(code=YINGXIU)], "submitted")
    services.review(SYSTEM, pending(application).get(), Decision.RETURN, comment="补充材料")
    after, shown = run(client, "/")
    assert len(before) == len(after) and "补充材料".encode() in shown
