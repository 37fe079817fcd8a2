"""The registers' pages' contracts (lianxin/testing/pages.py): the 西虢镇 township user in scope,
a household and a member of 大定街道 outside it; the lists export and keep their query count as
the registers grow."""

import pytest
from django.urls import reverse

from lianxin.registers import services
from lianxin.registers.plugin import Action
from lianxin.registers.tests import factories as f
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
V = Action.REGISTERS_VIEW


def add_households(world, n):
    """Households, each looked after by a member: the list shows the member's name."""
    for i in fresh(world, n):
        services.link_household(f.SYSTEM, world["member"], f.household(number=f"1{i:02d}"))


def add_members(world, n):
    """Members of the village: the list counts their households, the household page offers them."""
    for i in fresh(world, n):
        member = f.member(name=f"党员{i}")
        services.link_household(f.SYSTEM, member, f.household(number=f"2{i:02d}"))


def add_links(world, n):
    for i in fresh(world, n):
        services.link_household(f.SYSTEM, world["member"], f.household(number=f"3{i:02d}"))


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        return {
            "household": f.household(),
            "member": f.member(),
            "other_household": f.household(f.DADING_VILLAGE),
            "other_member": f.member(f.DADING_VILLAGE),
        }

    cases = (
        Page(
            "household list",
            lambda w: reverse("registers:household_list"),
            V,
            "township",
            export=True,
            grow=add_households,
        ),
        Page("member list", lambda w: reverse("registers:member_list"), V, "township", export=True, grow=add_members),
        Page(
            "household",
            lambda w: w["household"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_household"].get_absolute_url(),
            grow=add_members,
        ),
        Page(
            "member",
            lambda w: w["member"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_member"].get_absolute_url(),
            grow=add_links,
        ),
    )
