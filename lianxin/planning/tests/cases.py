"""Cases for the project-wide meta-tests (core/tests/test_scope.py, test_urls.py and
test_personal_data.py): plans of 西虢镇 (the township user's) and of 大定街道 (outside it), from
the `plans` fixture."""

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO, measure_data
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.models import (
    CountyBoardRollup,
    CreationPlan,
    DeclarationRule,
    Measure,
    ProgressReport,
    ReportAttachment,
    TownshipDeclaration,
    VillageYearSummary,
)
from lianxin.planning.plugin import Action
from lianxin.testing.personal import PersonalDataCase


def _plan_cases(users, plans):
    return plans["plan"], plans["other_plan"]


def _measure_cases(users, plans):
    return plans["measure"], plans["other_measure"]


def _report_cases(users, plans):
    today = timezone.localdate()
    return tuple(
        ProgressReport.objects.create(measure=plans[key], date=today, text="x", progress=5)
        for key in ("measure", "other_measure")
    )


def _rule_cases(users, plans):
    year = plans["year"]
    return tuple(DeclarationRule.objects.create(org=Org.objects.get(code=c), year=year) for c in (MENGZHOU, BOAI))


def _declaration_cases(users, plans):
    year = plans["year"]
    return tuple(TownshipDeclaration.objects.create(org=Org.objects.get(code=c), year=year) for c in (XIGUO, DADING))


def _summary_cases(users, plans):
    return tuple(VillageYearSummary.objects.get(org=plans[k].org) for k in ("plan", "other_plan"))


def _rollup_cases(users, plans):
    """The 孟州市 rollup (the office's county) and 博爱县's, made by a plan there."""
    village = Org.objects.filter(code__gte=BOAI, code__lt="410823", level=5).order_by("code").first()
    services.create_plan(Actor.system("tests"), village, plans["year"])
    rollups = CountyBoardRollup.objects.filter(year=plans["year"])
    return rollups.get(county_code="410883"), rollups.get(county_code=BOAI)


SCOPED_MODEL_CASES = {
    CountyBoardRollup: (_rollup_cases, "office", Action.PLANS_VIEW),
    CreationPlan: (_plan_cases, "township", Action.PLANS_VIEW),
    Measure: (_measure_cases, "township", Action.PLANS_VIEW),
    ProgressReport: (_report_cases, "township", Action.PLANS_VIEW),
    DeclarationRule: (_rule_cases, "office", Action.PLANS_VIEW),
    TownshipDeclaration: (_declaration_cases, "township", Action.PLANS_VIEW),
    VillageYearSummary: (_summary_cases, "township", Action.PLANS_VIEW),
}


def _measure_personal(users, plans):
    """A measure of 迎秀社区 (the village user's) whose responsible person's mobile is set, then changed."""
    plan, item = plans["other_plan"], plans["item"]
    first, second = "13912340001", "13912340002"
    village = Actor(user=users["village"])
    measure = services.save_measure(village, plan, None, measure_data(item, responsible_mobile=first))
    services.save_measure(village, plan, measure, measure_data(item, responsible_mobile=second))
    return PersonalDataCase(
        raw=[("responsible_mobile", first), ("responsible_mobile", second)],
        user="village",
        pages=[
            ("planning:plan_detail", {"pk": plan.pk}, {}),
            ("planning:measure_detail", {"pk": measure.pk}, {}),
            ("planning:measure_edit", {"measure": measure.pk}, {}),
        ],
        exports=[("planning:ledger", {"pk": plan.pk}, {}), ("planning:org_ledger", {"code": plan.org.code}, {})],
        api=[("measure-list", {}, {"plan": plan.pk}), ("measure-detail", {"pk": measure.pk}, {})],
    )


PERSONAL_DATA_CASES = {Measure: _measure_personal}

# API routes that only accept POST: checked with POST for their out-of-scope 404.
POST_ONLY = {"plan-submit", "plan-accept", "plan-return-plan"}


def out_of_scope_cases(users, plans) -> dict:
    """Route -> (user, kwargs of an object that exists but lies outside that user's scope)."""
    other_plan, other_measure = plans["other_plan"].pk, plans["other_measure"].pk
    report = ProgressReport.objects.create(
        measure=plans["other_measure"], date=timezone.localdate(), text="x", progress=10
    )
    attachment = ReportAttachment.objects.create(
        report=report, file="x.jpg", original_name="x.jpg", content_type="image/jpeg", kind="image", size=1
    )
    return {
        "planning:plan_detail": ("township", {"pk": other_plan}),
        "planning:star_edit": ("village", {"pk": plans["plan"].pk, "star": "branch"}),
        "planning:measure_create": ("village", {"pk": plans["plan"].pk}),
        "planning:work_items": ("village", {"pk": plans["plan"].pk}),
        "planning:assessment": ("township", {"pk": other_plan}),
        "planning:ledger": ("township", {"pk": other_plan}),
        "planning:measure_detail": ("township", {"pk": other_measure}),
        "planning:measure_edit": ("village", {"measure": plans["measure"].pk}),
        "planning:attachment": ("township", {"pk": attachment.pk}),
        "planning:board": ("township", {"code": DADING}),
        "planning:differing": ("township", {"code": DADING}),
        "planning:org_ledger": ("township", {"code": DADING}),
        "planning:plan_binder": ("township", {"pk": other_plan}),
        "planning:org_binder": ("township", {"code": DADING}),
        "planning:declaration_edit": ("township", {"code": DADING}),
        "planning:rule_edit": ("office_boai", {"code": MENGZHOU}),
        "api-board": ("township", {"code": DADING}),
        "plan-detail": ("township", {"pk": other_plan}),
        "plan-submit": ("village", {"pk": plans["plan"].pk}),
        "plan-accept": ("township", {"pk": other_plan}),
        "plan-return-plan": ("township", {"pk": other_plan}),
        "measure-detail": ("township", {"pk": other_measure}),
        "progress-report-detail": ("township", {"pk": report.pk}),
    }
