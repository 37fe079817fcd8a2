"""The rating pages' contracts (lianxin/testing/pages.py). Village objects lie in 西虢镇 (the
`township` user's) and outside it in 大定街道; county objects belong to 孟州市 (the `office`
user's), outside them to 博爱县. What the pages list is made by walking applications through
the real services, as the system (which may take every step): created, submitted, approved at
every step, publicised, determined after the publicity period."""

import pytest
from django.urls import reverse

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.choices import ApplicationKind, Decision
from lianxin.rating.plugin import Action
from lianxin.rating.tests.helpers import after_publicity, pending, star_task_forces, this_year
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")
STAGES = ("draft", "submitted", "approved", "publicity", "determined")


def villages(world, n) -> list[Org]:
    """n villages of 西虢镇 not used before in this test."""
    rows = list(Org.objects.filter(parent__code=XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code"))
    return [rows[i] for i in fresh(world, n)]


def walk(world, orgs, to: str, kind=ApplicationKind.STARS) -> list:
    """Applications for `orgs` (a star each: the branch star), taken as far as stage `to`."""
    apps = [services.create_application(SYSTEM, org, this_year(), stars=["branch"], kind=kind) for org in orgs]
    if STAGES.index(to) >= 1:
        apps = [services.submit_application(SYSTEM, a, without_evidence=True) for a in apps]
    if STAGES.index(to) >= 2:
        for a in apps:
            while steps := list(pending(a)):
                for step in steps:
                    services.review(SYSTEM, step, Decision.APPROVE)
    if STAGES.index(to) >= 3:
        publicity = services.start_publicity(SYSTEM, Org.objects.get(code=MENGZHOU), this_year(), apps)
    if STAGES.index(to) >= 4:
        after_publicity(world["monkeypatch"], publicity)  # the clock stays moved on: a later walk starts then
        apps = [services.determine(SYSTEM, a) for a in apps]
    for a in apps:
        a.refresh_from_db()
    return apps


def grow_to(stage):
    return lambda world, n: walk(world, villages(world, n), stage)


def add_awards(world, n):
    """Progress stars: this year's rating rose (the branch star), so the village applies again."""
    orgs = villages(world, n)
    walk(world, orgs, "determined")
    walk(world, orgs, "determined", kind=ApplicationKind.PROGRESS)


def add_evidence(world, n):
    items = services.work_items_for(world["application"]).order_by("pk")
    for i in fresh(world, n):
        services.add_evidence(SYSTEM, world["application"], items[i], note=f"佐证说明{i}")


def add_objections(world, n):
    (application,) = world["publicised"]
    for i in fresh(world, n):
        services.lodge_objection(Actor(user=None, ip="127.0.0.1", label="public"), application, content=f"异议{i}")


class TestPages(PageTests):
    @pytest.fixture
    def world(self, plans, monkeypatch):
        """`plans` brings the published standard whose work items evidence names."""
        star_task_forces()
        world = {"monkeypatch": monkeypatch, "_made": 1}  # villages from the second on: the first is below
        first = Org.objects.filter(parent__code=XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code").first()
        world["application"] = walk(world, [first], "draft")[0]
        world["outside"] = walk(world, [Org.objects.get(code=DADING + "002")], "draft")[0]
        return world

    cases = (
        Page(
            "applications",
            lambda w: reverse("rating:application_list"),
            Action.RATING_VIEW,
            "township",
            export=True,
            grow=grow_to("draft"),
        ),
        Page("queue", lambda w: reverse("rating:queue"), Action.RATING_VIEW, "township", grow=grow_to("submitted")),
        Page(
            "application",
            lambda w: reverse("rating:application_detail", args=[w["application"].pk]),
            Action.RATING_VIEW,
            "township",
            outside=lambda w: reverse("rating:application_detail", args=[w["outside"].pk]),
            grow=add_evidence,
        ),
        Page(
            "publicities",
            lambda w: reverse("rating:publicity_list"),
            Action.RATING_VIEW,
            "office",
            grow=grow_to("publicity"),
        ),
        Page(
            "results",
            lambda w: reverse("rating:result_list"),
            Action.RATING_VIEW,
            "township",
            export=True,
            grow=grow_to("determined"),
        ),
        Page(
            "awards",
            lambda w: reverse("rating:award_list"),
            Action.RATING_VIEW,
            "township",
            export=True,
            grow=add_awards,
        ),
        Page(
            "statistics",
            lambda w: reverse("rating:stats", args=[MENGZHOU]),
            Action.RATING_VIEW,
            "office",
            outside=lambda w: reverse("rating:stats", args=[BOAI]),
            export=True,
            grow=grow_to("determined"),
        ),
    )


class TestPublicityPages(PageTests):
    @pytest.fixture
    def world(self, users, monkeypatch):
        star_task_forces()
        world = {"monkeypatch": monkeypatch}
        world["publicised"] = walk(world, villages(world, 1), "publicity")
        world["publicity"] = world["publicised"][0].publicity
        return world

    cases = (
        Page(
            "publicity",
            lambda w: reverse("rating:publicity_detail", args=[w["publicity"].pk]),
            Action.RATING_VIEW,
            "office",
            outside_user="office_boai",
            grow=add_objections,
        ),
        # The public notice: no login; it lists what is under publicity now and the year's results.
        Page(
            "public notice", lambda w: reverse("rating:public", args=[MENGZHOU]), None, None, grow=grow_to("publicity")
        ),
    )
