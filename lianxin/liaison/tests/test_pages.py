"""The 党群连心 pages' contracts (lianxin/testing/pages.py): the 西虢镇 township user in scope,
a matter and a consultation of 大定街道 outside it; lists and the board export and keep their
query count as visits, matters and consultations grow."""

import pytest
from django.urls import reverse

from lianxin.conftest import DADING, XIGUO
from lianxin.liaison.plugin import Action
from lianxin.liaison.tests import factories as f
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
V = Action.LIAISON_VIEW


def add_visits(world, n):
    """Visits by a member, each raising a matter: the list shows household, member and matter."""
    for i in fresh(world, n):
        f.visit(f.household(number=f"1{i:02d}"), world["member"], raised=f"诉求{i}", make_matter=True)


def add_matters(world, n):
    for i in fresh(world, n):
        f.matter(title=f"事项{i}")


def add_consultations(world, n):
    for i in fresh(world, n):
        f.consultation(matters=[f.matter(title=f"会商事项{i}")])


def add_steps(world, n):
    """Consultations on the matter: its page lists them."""
    for _ in fresh(world, n):
        f.consultation(matters=[world["matter"]])


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        matter = f.matter()
        return {
            "member": f.member(),
            "matter": matter,
            "consultation": f.consultation(matters=[matter]),
            "other_matter": f.matter(f.DADING_VILLAGE),
            "other_consultation": f.consultation(f.DADING_VILLAGE),
        }

    cases = (
        Page("visit list", lambda w: reverse("liaison:visit_list"), V, "township", export=True, grow=add_visits),
        Page("matter list", lambda w: reverse("liaison:matter_list"), V, "township", export=True, grow=add_matters),
        Page(
            "consultation list",
            lambda w: reverse("liaison:consultation_list"),
            V,
            "township",
            export=True,
            grow=add_consultations,
        ),
        Page(
            "matter",
            lambda w: w["matter"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_matter"].get_absolute_url(),
            grow=add_steps,
        ),
        Page(
            "consultation",
            lambda w: w["consultation"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_consultation"].get_absolute_url(),
        ),
        Page(
            "board",
            lambda w: reverse("liaison:board", args=[XIGUO]),
            V,
            "township",
            outside=lambda w: reverse("liaison:board", args=[DADING]),
            export=True,
            grow=add_visits,
        ),
    )
