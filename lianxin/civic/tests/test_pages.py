"""The contract (lianxin/testing/pages.py) of an activity's sign-in sheet: the 西虢镇 township
user opens its village's activity, not 大定街道's; the sheet keeps its query count as the
village's volunteers and their sign-ins grow."""

import pytest
from django.urls import reverse

from lianxin.civic import volunteers
from lianxin.civic.plugin import Action
from lianxin.core.changes import today
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, org
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db


def activity(code):
    team = volunteers.add_team(SYSTEM, org(code), name="红色理发队", kind="haircut")
    return volunteers.record_activity(SYSTEM, team, title="义务理发", day=today())


def add_volunteers(world, n):
    """n more volunteers of the village: one signed in, the others signed in and out."""
    act = world["activity"]
    for i in fresh(world, n):
        v = volunteers.register(SYSTEM, act.org, name=f"志愿者{i}", teams=[act.team])
        volunteers.arrive(SYSTEM, act, v)
        if i % 2:
            volunteers.leave(SYSTEM, act, v)


def sheet(key):
    return lambda w: reverse("civic:activity_sign_in", kwargs={"pk": w[key].pk})


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        return {"activity": activity(XIGUO_VILLAGE), "other": activity(DADING_VILLAGE)}

    cases = (
        Page("activity sign-in", sheet("activity"), Action.CIVIC_VIEW, "township", sheet("other"), grow=add_volunteers),
    )
