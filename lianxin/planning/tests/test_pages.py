"""The planning pages' contracts (lianxin/testing/pages.py), over the `plans` world: the
西虢镇 township user in scope, 大定街道's plan and measure outside; the 孟州市 office user for
the county's declarations, 博爱县's outside."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO, measure_data
from lianxin.core import indicators
from lianxin.core.indicators import Indicator
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.plugin import Action
from lianxin.standards.models import WorkItem
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("site.jpg", buffer.getvalue(), content_type="image/jpeg")


def xiguo_villages(world, n):
    """n villages of 西虢镇 without a plan yet."""
    taken = set(services.CreationPlan.objects.values_list("org_id", flat=True))
    villages = Org.objects.filter(parent__code=XIGUO, kind__in=GRASSROOTS_KINDS).exclude(pk__in=taken)
    return list(villages.order_by("code")[:n])


def add_plans(world, n):
    """Plans with a targeted star and a measure, which the list and the board show."""
    for village in xiguo_villages(world, n):
        plan = services.create_plan(SYSTEM, village, world["year"])
        branch = plan.stars.get(star="branch")
        services.update_plan_star(SYSTEM, branch, targeted=True, strengths="", weaknesses="", weak_items=[])
        services.save_measure(SYSTEM, plan, None, measure_data(world["item"]))


def add_measures(world, n):
    for i in fresh(world, n):
        services.save_measure(SYSTEM, world["plan"], None, measure_data(world["item"], description=f"措施{i}"))


def add_measures_due(world, n):
    """Measures due within the week, which the workbench's card opens."""
    for i in fresh(world, n):
        deadline = timezone.localdate() + timedelta(days=i % 7)
        data = measure_data(world["item"], description=f"措施{i}", deadline=deadline)
        services.save_measure(SYSTEM, world["plan"], None, data)


def add_reports(world, n):
    for i in fresh(world, n):
        today = timezone.localdate()
        services.add_report(SYSTEM, world["measure"], date=today, text=f"进展{i}", progress=5 * i, files=[photo()])


def add_assessments(world, n):
    items = WorkItem.objects.filter(key_task__standard=world["standard"]).order_by("pk")
    services.assess_all(SYSTEM, world["plan"], [(items[i], True, f"佐证{i}") for i in fresh(world, n)])


def add_declarations(world, n):
    townships = Org.objects.filter(parent__code=MENGZHOU, level=OrgLevel.TOWNSHIP).order_by("code")
    for i in fresh(world, n):
        township = townships[i]
        villages = list(Org.objects.filter(parent=township, kind__in=GRASSROOTS_KINDS).order_by("code")[:2])
        services.save_declaration(SYSTEM, township, world["year"], five_star=villages[:1], four_star=villages[1:])


def add_differing(world, n):
    """Villages that claim the indicator-linked item met while the computed value says not."""
    for village in xiguo_villages(world, n):
        plan = services.create_plan(SYSTEM, village, world["year"])
        services.assess_all(SYSTEM, plan, [(world["item"], True, "已覆盖")])


class TestPages(PageTests):
    @pytest.fixture
    def world(self, plans, settings, tmp_path, monkeypatch):
        settings.MEDIA_ROOT = tmp_path  # the reports' photos
        # The first work item reads an indicator that finds 50 % everywhere, below its 80 % bar.
        half = Indicator("参与积分户数比例", "%", lambda codes, year: dict.fromkeys(codes, 50.0), lambda c, y: "/r/")
        monkeypatch.setattr(indicators, "registry", lambda: {"points.households_share": half})
        item = plans["item"]
        item.indicator_code, item.indicator_comparison, item.indicator_threshold = "points.households_share", ">=", 80
        item.save()
        return plans

    cases = (
        Page(
            "plan list",
            lambda w: reverse("planning:plan_list"),
            Action.PLANS_VIEW,
            "township",
            export=True,
            grow=add_plans,
        ),
        Page(
            "plan",
            lambda w: reverse("planning:plan_detail", args=[w["plan"].pk]),
            Action.PLANS_VIEW,
            "township",
            outside=lambda w: reverse("planning:plan_detail", args=[w["other_plan"].pk]),
            grow=add_measures,
        ),
        Page(
            "measure list",
            lambda w: reverse("planning:measure_list") + "?due=week",
            Action.PLANS_VIEW,
            "township",
            export=True,
            grow=add_measures_due,
        ),
        Page(
            "measure",
            lambda w: reverse("planning:measure_detail", args=[w["measure"].pk]),
            Action.PLANS_VIEW,
            "township",
            outside=lambda w: reverse("planning:measure_detail", args=[w["other_measure"].pk]),
            grow=add_reports,
        ),
        Page(
            "self-assessment",
            lambda w: reverse("planning:assessment", args=[w["plan"].pk]),
            Action.PLANS_VIEW,
            "township",
            outside=lambda w: reverse("planning:assessment", args=[w["other_plan"].pk]),
            grow=add_assessments,
        ),
        Page(
            "board",
            lambda w: reverse("planning:board", args=[XIGUO]),
            Action.PLANS_VIEW,
            "township",
            outside=lambda w: reverse("planning:board", args=[DADING]),
            export=True,
            grow=add_plans,
        ),
        Page(
            "differing villages",
            lambda w: reverse("planning:differing", args=[XIGUO]),
            Action.PLANS_VIEW,
            "township",
            outside=lambda w: reverse("planning:differing", args=[DADING]),
            export=True,
            grow=add_differing,
        ),
        Page(
            "declarations",
            lambda w: reverse("planning:declarations"),
            Action.PLANS_VIEW,
            "office",
            outside=lambda w: reverse("planning:declarations") + f"?county={BOAI}",
            export=True,
            grow=add_declarations,
        ),
    )
