"""The contract (lianxin/testing/pages.py) of an activity's sign-in sheet (the 西虢镇 township
user opens its village's activity, not 大定街道's; the query count stays as the village's
volunteers and their sign-ins grow) and of a selection's public page (no login, an unknown
token 404, the query count stays as candidates grow)."""

import pytest
from django.urls import reverse

from lianxin.civic import selection, volunteers
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


def add_nominations(world, n):
    for i in fresh(world, n):
        selection.nominate(SYSTEM, world["campaign"], category="好媳妇", name=f"刘{i}", reason="孝敬")


def campaign():
    return selection.create_campaign(
        SYSTEM, org(XIGUO_VILLAGE), year=2026, title="好媳妇评选", categories="好媳妇", voting="committee"
    )


def sheet(key):
    return lambda w: reverse("civic:activity_sign_in", kwargs={"pk": w[key].pk})


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        return {
            "activity": activity(XIGUO_VILLAGE),
            "other": activity(DADING_VILLAGE),
            "campaign": campaign(),
        }

    cases = (
        Page("activity sign-in", sheet("activity"), Action.CIVIC_VIEW, "township", sheet("other"), grow=add_volunteers),
        Page(
            "public selection",
            lambda w: reverse("civic:public_selection", kwargs={"token": w["campaign"].token}),
            None,
            None,
            lambda w: reverse("civic:public_selection", kwargs={"token": "not-a-token"}),
            grow=add_nominations,
        ),
    )
