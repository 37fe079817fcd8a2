"""Measures and their ledger: the measure form, the measure page (progress reports with photos,
delete), attachments, and the user's own reminders."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import View

from lianxin.core.views import ActionRequiredMixin, ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.planning import services
from lianxin.planning.choices import MeasureStatus
from lianxin.planning.filters import MeasureFilter
from lianxin.planning.forms import MeasureForm, ReportForm
from lianxin.planning.models import Measure, ReportAttachment
from lianxin.planning.plugin import Action
from lianxin.planning.tables import MeasureTable
from lianxin.planning.views.plans import scoped_plan
from lianxin.standards.choices import Star
from lianxin.standards.models import WorkItem


class MeasureListView(ScopedListView):
    """Measures across the user's plans, by deadline: what the workbench's "due within 7 days"
    and "overdue" cards open."""

    permission_action = Action.PLANS_VIEW
    model = Measure
    table_class = MeasureTable
    filterset_class = MeasureFilter
    title = gettext_lazy("措施")
    export_filename = "措施.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("plan__org")


class MeasureFormView(ServiceFormView):
    """New measure (`pk` is the plan) or edit (`measure` is the measure)."""

    permission_action = Action.PLANS_EDIT
    form_class = MeasureForm
    template_name = "planning/measure_form.html"
    success_message = gettext_lazy("措施已保存")

    def get_object(self) -> Measure | None:
        if "measure" not in self.kwargs:
            return None
        measures = Measure.objects.restrict(self.request.user, Action.PLANS_EDIT).select_related("plan__org")
        return get_object_or_404(measures, pk=self.kwargs["measure"])

    @cached_property
    def plan(self):
        if self.object is not None:
            return self.object.plan
        return scoped_plan(self.request.user, self.kwargs["pk"], Action.PLANS_EDIT)

    def get_form_kwargs(self):
        work_items = WorkItem.objects.filter(key_task__standard=self.plan.standard).select_related("key_task")
        url = reverse("planning:work_items", kwargs={"pk": self.plan.pk})
        return super().get_form_kwargs() | {"instance": self.object, "work_items": work_items, "options_url": url}

    def get_initial(self):
        star = self.request.GET.get("star")
        return {"star": star} if star in Star.values else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, measure=self.object, **kwargs)

    def perform(self, actor, form):
        data = {name: form.cleaned_data[name] for name in services.MEASURE_FIELDS}
        return services.save_measure(actor, self.plan, self.object, data)


class WorkItemOptionsView(ActionRequiredMixin, View):
    """The work-item options of one star of a plan's standard, for the measure form's choice
    when the star changes (htmx swaps them into the select)."""

    permission_action = Action.PLANS_EDIT

    def get(self, request, pk):
        plan = scoped_plan(request.user, pk, Action.PLANS_EDIT)
        star = request.GET.get("star", "")
        items = WorkItem.objects.filter(key_task__standard=plan.standard, key_task__star=star).select_related(
            "key_task"
        )
        context = {"items": items.order_by("key_task__number", "id"), "star": star in Star.values}
        return render(request, "planning/_work_item_options.html", context)


class MeasureDetailView(ObjectOperationsView):
    """A measure with its ledger; a village adds progress reports (with photos) here."""

    permission_action = Action.PLANS_VIEW
    model = Measure
    template_name = "planning/measure_detail.html"
    default_operation = "report"
    operations = {
        "report": Operation(
            services.add_report,
            gettext_lazy("进展已记入台账"),
            Action.PLANS_EDIT,
            form=ReportForm,
            inline=True,
            allowed=lambda user, measure: services.can_report(user, measure.plan),
        ),
        "delete": Operation(
            services.delete_measure,
            gettext_lazy("措施已删除"),
            Action.PLANS_EDIT,
            allowed=lambda user, measure: services.can_edit_plan(user, measure.plan),
            redirect_to=lambda measure: reverse("planning:plan_detail", kwargs={"pk": measure.plan_id}),
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("plan__org", "work_item")

    def operation_form_kwargs(self, name):
        return {"initial": {"progress": self.object.progress}}

    def get_context_data(self, **kwargs):
        measure, user = self.object, self.request.user
        reports = measure.reports.prefetch_related("attachments").select_related("created_by")
        return super().get_context_data(
            measure=measure,
            plan=measure.plan,
            reports=reports,
            status=MeasureStatus(measure.status),
            can_change=services.can_change_measures(user, measure.plan),
            **kwargs,
        )


class AttachmentView(ActionRequiredMixin, View):
    permission_action = Action.PLANS_VIEW

    def get(self, request, pk):
        measures = Measure.objects.restrict(request.user, self.permission_action)
        item = get_object_or_404(ReportAttachment.objects.filter(report__measure__in=measures), pk=pk)
        return item.download(thumb=bool(request.GET.get("thumb")))
