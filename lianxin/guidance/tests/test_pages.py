"""The guidance pages' contracts (lianxin/testing/pages.py): the 西虢镇 township user in scope,
a finding and a weak branch of 大定街道 outside it; the lists export and keep their query count
as areas, findings and weak branches grow."""

import pytest
from django.urls import reverse

from lianxin.guidance.plugin import Action
from lianxin.guidance.tests import factories as f
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
V = Action.GUIDANCE_VIEW


def villages(world, n):
    """n villages of 西虢镇 not used yet in this test."""
    start = world.setdefault("_villages", 0)
    world["_villages"] = start + n
    rows = Org.objects.filter(parent__code=f.XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code")
    return list(rows[start + 1 : start + n + 1])


def add_assignments(world, n):
    for i, village in zip(fresh(world, n), villages(world, n), strict=True):
        f.assignment(village.code, f.cadre(name=f"干部{i}"))


def add_findings(world, n):
    for i in fresh(world, n):
        f.finding(cadre_obj=f.cadre(name=f"督导{i}"))


def add_weak(world, n):
    for i, village in zip(fresh(world, n), villages(world, n), strict=True):
        f.weak(village.code, f.cadre(name=f"包联{i}"))


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        cadre = f.cadre()
        return {
            "finding": f.finding(cadre_obj=cadre),
            "weak": f.weak(cadre_obj=cadre),
            "other_finding": f.finding(f.DADING_VILLAGE, cadre),
            "other_weak": f.weak(f.DADING_VILLAGE, cadre),
        }

    cases = (
        Page(
            "area list", lambda w: reverse("guidance:assignment_list"), V, "township", export=True, grow=add_assignments
        ),
        Page("finding list", lambda w: reverse("guidance:finding_list"), V, "township", export=True, grow=add_findings),
        Page("weak branch list", lambda w: reverse("guidance:weak_list"), V, "township", export=True, grow=add_weak),
        Page(
            "finding",
            lambda w: w["finding"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_finding"].get_absolute_url(),
        ),
        Page(
            "weak branch",
            lambda w: w["weak"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_weak"].get_absolute_url(),
        ),
    )
