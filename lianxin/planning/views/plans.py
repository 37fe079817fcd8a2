"""A village's plan: the list, creating it, the plan page with submit / accept / return, its
stars, the self-assessment and the ledger workbook."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core import indicators
from lianxin.core.excel import attachment, heading_for
from lianxin.core.panels import village_panels
from lianxin.core.views import (
    DownloadView,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ServiceFormView,
    chosen_org,
)
from lianxin.core.years import current_year
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs
from lianxin.planning import services
from lianxin.planning.filters import PlanFilter
from lianxin.planning.forms import AssessmentReviewForm, AssessmentSheetForm, PlanCreateForm, PlanStarForm
from lianxin.planning.ledger import ledger_workbook
from lianxin.planning.models import CreationPlan
from lianxin.planning.plugin import Action
from lianxin.planning.tables import PlanTable
from lianxin.standards.choices import Star
from lianxin.standards.models import WorkItem


def scoped_plan(user, pk, action=Action.PLANS_VIEW) -> CreationPlan:
    plans = CreationPlan.objects.restrict(user, action).select_related("org__parent", "standard")
    return get_object_or_404(plans, pk=pk)


class PlanListView(ScopedListView):
    permission_action = Action.PLANS_VIEW
    model = CreationPlan
    table_class = PlanTable
    filterset_class = PlanFilter
    title = gettext_lazy("创星规划")
    export_filename = "创星规划.xlsx"
    template_name = "planning/plan_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=self.request.user.can(Action.PLANS_EDIT), **kwargs)


class PlanCreateView(ServiceFormView):
    permission_action = Action.PLANS_EDIT
    form_class = PlanCreateForm
    template_name = "planning/plan_create.html"

    @cached_property
    def villages(self):
        return list(Org.objects.restrict(self.request.user, Action.PLANS_EDIT).filter(kind__in=GRASSROOTS_KINDS)[:50])

    def get_initial(self):
        return {"year": current_year()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(villages=self.villages, **kwargs)

    def perform(self, actor, form):
        village = chosen_org(self.request, self.villages, "village")
        if village is None:
            raise ValidationError(_("请选择本村（社区）"))
        return services.create_plan(actor, village, form.cleaned_data["year"])

    def get_success_message(self, plan):
        return _("已创建 %(year)d 年度创星规划，请逐星填写优势、短板和措施") % {"year": plan.year}


class PlanDetailView(ObjectOperationsView):
    permission_action = Action.PLANS_VIEW
    model = CreationPlan
    template_name = "planning/plan_detail.html"
    operations = {
        "submit": Operation(
            services.submit_plan,
            gettext_lazy("已提交乡镇（街道）审核"),
            Action.PLANS_EDIT,
            allowed=services.can_edit_plan,
        ),
        "accept": Operation(
            services.accept_plan, gettext_lazy("规划已通过"), Action.PLANS_REVIEW, allowed=services.can_review_plan
        ),
        "return": Operation(
            services.return_plan,
            gettext_lazy("规划已退回村（社区）修改"),
            Action.PLANS_REVIEW,
            needs=("reason",),
            allowed=services.can_review_plan,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "standard")

    def get_context_data(self, **kwargs):
        plan, user, today = self.object, self.request.user, timezone.localdate()
        stars = {s.star: s for s in plan.stars.prefetch_related("weak_items")}
        measures = list(plan.measures.select_related("work_item"))
        for measure in measures:
            measure.status_now = measure.status_on(today)
        sections = [
            {
                "star": star,
                "plan_star": stars.get(star.value),
                "measures": [m for m in measures if m.star == star.value],
            }
            for star in Star
        ]
        return super().get_context_data(
            plan=plan,
            sections=sections,
            breadcrumbs=breadcrumbs(user, plan.org),
            panels=village_panels(user, plan.org, plan.year),
            can_edit=services.can_edit_plan(user, plan),
            can_change_measures=services.can_change_measures(user, plan),
            **kwargs,
        )


class PlanStarEditView(ServiceFormView):
    permission_action = Action.PLANS_EDIT
    form_class = PlanStarForm
    template_name = "planning/star_form.html"

    def get_object(self):
        plan = scoped_plan(self.request.user, self.kwargs["pk"], Action.PLANS_EDIT)
        return get_object_or_404(plan.stars.select_related("plan__org", "plan__standard"), star=self.kwargs["star"])

    def get_form_kwargs(self):
        plan_star = self.object
        work_items = WorkItem.objects.filter(key_task__standard=plan_star.plan.standard, key_task__star=plan_star.star)
        return super().get_form_kwargs() | {"work_items": work_items.select_related("key_task")}

    def get_initial(self):
        s = self.object
        return {
            "targeted": s.targeted,
            "strengths": s.strengths,
            "weaknesses": s.weaknesses,
            "weak_items": s.weak_items.all(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan_star=self.object, plan=self.object.plan, **kwargs)

    def perform(self, actor, form):
        return services.update_plan_star(actor, self.object, **form.cleaned_data)

    def get_success_url(self, result=None):
        return self.object.plan.get_absolute_url()


class LedgerExportView(DownloadView):
    permission_action = Action.PLANS_VIEW

    def export(self):
        plan = scoped_plan(self.request.user, self.kwargs["pk"])
        heading = heading_for(self.request.user, _("创星台账"), org=plan.org, year=plan.year)
        content = ledger_workbook([plan], timezone.localdate(), heading)
        return attachment(content, f"{plan.org.short_name}-{plan.year}-创星台账.xlsx")


# --- self-assessment ---------------------------------------------------------------------------------


def _assess_all(actor, plan, *, answers):
    return services.assess_all(actor, plan, answers)


def _review_assessment(actor, plan, *, item, status, comment):
    return services.review_assessment(actor, item, status=status, comment=comment)


class AssessmentView(ObjectOperationsView):
    """The village assesses every work item of its standard in one form with one save; the
    township confirms or disputes each."""

    permission_action = Action.PLANS_VIEW
    model = CreationPlan
    template_name = "planning/assessment.html"
    default_operation = "assess"
    operations = {
        "assess": Operation(
            _assess_all, gettext_lazy("自评已保存"), Action.PLANS_EDIT, form=AssessmentSheetForm, inline=True
        ),
        "review": Operation(_review_assessment, gettext_lazy("已确认"), Action.PLANS_REVIEW, form=AssessmentReviewForm),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "standard")

    def work_items(self):
        return (
            WorkItem.objects.filter(key_task__standard=self.object.standard)
            .select_related("key_task")
            .order_by("key_task__number", "id")
        )

    @cached_property
    def assessments(self):
        return list(self.object.assessments.all())

    def operation_form_kwargs(self, name):
        if name == "assess":
            return {"items": self.work_items(), "assessments": self.assessments}
        return {"assessments": self.object.assessments.select_related("plan__org")}

    def page_url(self):
        item = self.request.POST.get("item", "")
        return reverse("planning:assessment", kwargs={"pk": self.object.pk}) + (
            f"#item-{item}" if item.isdigit() else ""
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        found = {a.work_item_id: a for a in self.assessments}
        sheet = context["forms"].get("assess")
        items = sheet.items if sheet is not None else list(self.work_items())
        # What the system computes, beside the village's own claim (lianxin/core/indicators.py).
        computed = indicators.readings(items, plan.org.code, plan.year)
        rows = []
        for item in items:
            assessment, reading = found.get(item.pk), computed.get(item.pk)
            rows.append(
                {
                    "item": item,
                    "assessment": assessment,
                    "reading": reading,
                    "differs": bool(reading and reading.differs_from(assessment.met if assessment else None)),
                    "met": sheet[f"met_{item.pk}"] if sheet is not None else None,
                    "evidence": sheet[f"evidence_{item.pk}"] if sheet is not None else None,
                }
            )
        met = sum(1 for a in found.values() if a.met)
        differing = sum(1 for r in rows if r["differs"])
        return context | {"plan": plan, "rows": rows, "met": met, "total": len(rows), "differing": differing}
