"""创建标准 pages: the list, a new draft, the standard as a tree with publish and delete, its
Excel export and import, and key tasks and work items edited in place."""

import django_filters
import django_tables2 as tables
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.excel import attachment
from lianxin.core.views import (
    ExportMixin,
    ImportView,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ServiceFormView,
    chosen_org,
)
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.standards import excel, services
from lianxin.standards.choices import StandardStatus, Star
from lianxin.standards.forms import KeyTaskForm, StandardCreateForm, WorkItemForm
from lianxin.standards.models import KeyTask, Standard, WorkItem
from lianxin.standards.plugin import Action


class StandardTable(tables.Table):
    title = tables.Column(verbose_name=gettext_lazy("标题"), linkify=("standards:detail", {"pk": tables.A("pk")}))
    year = tables.Column(verbose_name=gettext_lazy("年度"))
    org = tables.Column(verbose_name=gettext_lazy("制定单位"), accessor="org__short_name", order_by="org__code")
    status = tables.Column(verbose_name=gettext_lazy("状态"))
    is_sample = tables.BooleanColumn(verbose_name=gettext_lazy("示例"), yesno="是,否")
    published_at = tables.DateTimeColumn(verbose_name=gettext_lazy("发布时间"), format="Y-m-d")

    class Meta:
        model = Standard
        fields = ("title", "year", "org", "status", "is_sample", "published_at")
        attrs = {"class": "table table-sm table-hover align-middle"}


class StandardFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=gettext_lazy("年度"))
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=StandardStatus.choices)

    class Meta:
        model = Standard
        fields = ["year", "status"]


class StandardListView(ScopedListView):
    permission_action = Action.STANDARDS_VIEW
    model = Standard
    table_class = StandardTable
    filterset_class = StandardFilter
    title = gettext_lazy("创建标准")
    export_filename = "创建标准.xlsx"
    template_name = "standards/standard_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=self.request.user.can(Action.STANDARDS_MANAGE), **kwargs)


class StandardCreateView(ServiceFormView):
    permission_action = Action.STANDARDS_MANAGE
    form_class = StandardCreateForm
    template_name = "standards/standard_form.html"
    success_message = gettext_lazy("已创建标准草稿")

    @cached_property
    def jurisdictions(self):
        return list(
            Org.objects.restrict(self.request.user, self.permission_action)
            .filter(level__lte=OrgLevel.COUNTY, kind__in=["province", "city", "county"])
            .order_by("code")[:20]
        )

    def get_form_kwargs(self):
        sources = Standard.objects.restrict(self.request.user, Action.STANDARDS_VIEW).select_related("org")
        return super().get_form_kwargs() | {"sources": sources}

    def get_context_data(self, **kwargs):
        return super().get_context_data(jurisdictions=self.jurisdictions, **kwargs)

    def perform(self, actor, form):
        org = chosen_org(self.request, self.jurisdictions, "org")
        if org is None:
            raise ValidationError(_("请选择制定单位"))
        data = form.cleaned_data
        return services.create_standard(actor, org, data["year"], data["title"], data["source"])


class StandardDetailView(ExportMixin, ObjectOperationsView):
    """The standard as a tree: star → key task → work items, with its operations."""

    permission_action = Action.STANDARDS_VIEW
    model = Standard
    template_name = "standards/standard_detail.html"
    operations = {
        "publish": Operation(
            services.publish_standard, gettext_lazy("标准已发布"), Action.STANDARDS_MANAGE, allowed=services.can_publish
        ),
        "delete": Operation(
            services.delete_standard,
            gettext_lazy("标准已删除"),
            Action.STANDARDS_MANAGE,
            allowed=services.can_manage,
            redirect_to=lambda standard: reverse("standards:list"),
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def export(self):
        standard = self.object
        return attachment(excel.export_standard(standard), f"{standard.year}-{standard.org.short_name}-创建标准.xlsx")

    def get_context_data(self, **kwargs):
        standard, user = self.object, self.request.user
        tasks = list(standard.key_tasks.prefetch_related("work_items"))
        stars = [{"star": s, "tasks": [t for t in tasks if t.star == s.value]} for s in Star]
        return super().get_context_data(
            standard=standard,
            stars=stars,
            task_count=len(tasks),
            item_count=sum(len(t.work_items.all()) for t in tasks),
            can_manage=services.can_manage(user, standard),
            can_import=services.can_replace_content(user, standard),
            **kwargs,
        )


class StandardImportView(ImportView):
    """A draft's whole content from an Excel workbook (the standard's own export is the template)."""

    permission_action = Action.STANDARDS_MANAGE
    model = Standard
    template_name = "standards/import.html"
    title = gettext_lazy("导入创建标准")

    def get_object(self):
        standard = super().get_object()
        if not services.can_manage(self.request.user, standard):
            raise PermissionDenied
        return standard

    def template_workbook(self):
        standard = self.object
        return attachment(excel.export_standard(standard), f"{standard.year}-{standard.org.short_name}-创建标准.xlsx")

    def get_back_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(standard=self.object, sheets=excel.SHEETS, **kwargs)

    def run_import(self, actor, data):
        return excel.import_standard(actor, self.object, data)


class CriteriaFormView(ServiceFormView):
    """Add or edit a key task (`task` absent / present) or a work item (`item`), in place."""

    permission_action = Action.STANDARDS_MANAGE
    model = Standard
    template_name = "standards/criteria_form.html"

    def get_object(self):
        standard = super().get_object()
        if not services.can_manage(self.request.user, standard):
            raise PermissionDenied
        return standard

    @cached_property
    def key_task(self) -> KeyTask | None:
        task = self.kwargs.get("task")
        return get_object_or_404(KeyTask, standard=self.object, pk=task) if task else None

    @cached_property
    def work_item(self) -> WorkItem | None:
        item = self.kwargs.get("item")
        return get_object_or_404(WorkItem, key_task=self.key_task, pk=item) if item else None

    @property
    def editing_item(self) -> bool:
        return self.kwargs.get("kind") == "item"

    def get_form_class(self):
        return WorkItemForm if self.editing_item else KeyTaskForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.work_item if self.editing_item else self.key_task}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            standard=self.object, key_task=self.key_task, editing_item=self.editing_item, **kwargs
        )

    def perform(self, actor, form):
        if self.editing_item:
            return services.save_work_item(actor, self.key_task, self.work_item, form.cleaned_data)
        return services.save_key_task(actor, self.object, self.key_task, form.cleaned_data)

    def get_success_url(self, result=None):
        return self.object.get_absolute_url()
