import django_filters
import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import FormView, TemplateView

from lianxin.audit.services import Actor
from lianxin.core.excel import attachment
from lianxin.core.permissions import can_at
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin, ScopedListView, chosen_org
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.standards import excel, services
from lianxin.standards.choices import StandardStatus, Star
from lianxin.standards.forms import KeyTaskForm, StandardCreateForm, StandardImportForm, WorkItemForm
from lianxin.standards.models import KeyTask, Standard, WorkItem
from lianxin.standards.plugin import Action


def scoped_standard(user, pk, action=Action.STANDARDS_VIEW) -> Standard:
    return get_object_or_404(Standard.objects.restrict(user, action).select_related("org"), pk=pk)


def can_manage(user, standard: Standard) -> bool:
    return can_at(user, Action.STANDARDS_MANAGE, standard.org.code)


class StandardTable(tables.Table):
    title = tables.Column(verbose_name=_l("标题"), linkify=("standards:detail", {"pk": tables.A("pk")}))
    year = tables.Column(verbose_name=_l("年度"))
    org = tables.Column(verbose_name=_l("制定单位"), accessor="org__short_name", order_by="org__code")
    status = tables.Column(verbose_name=_l("状态"))
    is_sample = tables.BooleanColumn(verbose_name=_l("示例"), yesno="是,否")
    published_at = tables.DateTimeColumn(verbose_name=_l("发布时间"), format="Y-m-d")

    class Meta:
        model = Standard
        fields = ("title", "year", "org", "status", "is_sample", "published_at")
        attrs = {"class": "table table-sm table-hover align-middle"}


class StandardFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_l("年度"))
    status = django_filters.ChoiceFilter(label=_l("状态"), choices=StandardStatus.choices)

    class Meta:
        model = Standard
        fields = ["year", "status"]


class StandardListView(ScopedListView):
    permission_action = Action.STANDARDS_VIEW
    model = Standard
    table_class = StandardTable
    filterset_class = StandardFilter
    title = _l("创建标准")
    export_filename = "创建标准.xlsx"
    template_name = "standards/standard_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=self.request.user.can(Action.STANDARDS_MANAGE), **kwargs)


class StandardCreateView(ActionRequiredMixin, FormView):
    permission_action = Action.STANDARDS_MANAGE
    form_class = StandardCreateForm
    template_name = "standards/standard_form.html"

    @cached_property
    def jurisdictions(self):
        return list(
            Org.objects.restrict(self.request.user, self.permission_action)
            .filter(level__lte=OrgLevel.COUNTY, kind__in=["province", "city", "county"])
            .order_by("code")[:20]
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["sources"] = Standard.objects.restrict(self.request.user, Action.STANDARDS_VIEW).select_related("org")
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(jurisdictions=self.jurisdictions, **kwargs)

    def form_valid(self, form):
        org = chosen_org(self.request, self.jurisdictions, "org")
        if org is None:
            form.add_error(None, _("请选择制定单位"))
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            standard = services.create_standard(
                Actor.from_request(self.request), org, data["year"], data["title"], data["source"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已创建标准草稿"))
        return redirect("standards:detail", pk=standard.pk)


class StandardDetailView(ActionRequiredMixin, TemplateView):
    """The standard as a tree: star → key task → work items, with its actions."""

    permission_action = Action.STANDARDS_VIEW
    template_name = "standards/standard_detail.html"

    @cached_property
    def standard(self) -> Standard:
        return scoped_standard(self.request.user, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            check_export(request)
            standard = self.standard
            return attachment(
                excel.export_standard(standard), f"{standard.year}-{standard.org.short_name}-创建标准.xlsx"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        standard = self.standard
        tasks = list(standard.key_tasks.prefetch_related("work_items"))
        stars = [{"star": s, "tasks": [t for t in tasks if t.star == s.value]} for s in Star]
        return super().get_context_data(
            standard=standard,
            stars=stars,
            task_count=len(tasks),
            item_count=sum(len(t.work_items.all()) for t in tasks),
            can_manage=can_manage(self.request.user, standard),
            import_form=StandardImportForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        standard = self.standard
        if not can_manage(request.user, standard):
            raise PermissionDenied
        op, who = request.POST.get("op"), Actor.from_request(request)
        try:
            if op == "publish":
                services.publish_standard(who, standard)
                messages.success(request, _("标准已发布"))
            elif op == "delete":
                services.delete_standard(who, standard)
                messages.success(request, _("标准已删除"))
                return redirect("standards:list")
            elif op == "import":
                return self._import(request, who, standard)
            else:
                messages.error(request, _("无效的操作"))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("standards:detail", pk=standard.pk)

    def _import(self, request, who, standard):
        form = StandardImportForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise UploadError(_("请选择要导入的 Excel 文件"))
            tasks = excel.parse_standard(read_upload(form.cleaned_data["file"]))
            services.replace_content(who, standard, tasks)
        except UploadError as exc:
            messages.error(request, str(exc))
        except excel.StandardRowErrors as exc:
            return self.render_to_response(self.get_context_data(import_errors=exc.errors))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已导入 %(n)d 个重点任务") % {"n": len(tasks)})
        return redirect("standards:detail", pk=standard.pk)


class CriteriaFormView(ActionRequiredMixin, FormView):
    """Add or edit a key task (`task` absent / present) or a work item (`item`), in place."""

    permission_action = Action.STANDARDS_MANAGE
    template_name = "standards/criteria_form.html"

    @cached_property
    def standard(self) -> Standard:
        standard = scoped_standard(self.request.user, self.kwargs["pk"], self.permission_action)
        if not can_manage(self.request.user, standard):
            raise PermissionDenied
        return standard

    @cached_property
    def key_task(self) -> KeyTask | None:
        task = self.kwargs.get("task")
        return get_object_or_404(KeyTask, standard=self.standard, pk=task) if task else None

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
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.work_item if self.editing_item else self.key_task
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            standard=self.standard, key_task=self.key_task, editing_item=self.editing_item, **kwargs
        )

    def form_valid(self, form):
        who = Actor.from_request(self.request)
        try:
            if self.editing_item:
                services.save_work_item(who, self.key_task, self.work_item, form.cleaned_data)
            else:
                services.save_key_task(who, self.standard, self.key_task, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存"))
        return redirect("standards:detail", pk=self.standard.pk)
