"""Daily assessment pages, built from the core's views: schemes, periods, scores and their
operations (offered by the services' `can_*` predicates), the ranking with its chart, the task
forces' meetings. Rows come from `restrict()`; out of scope is 404."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views import View

from lianxin.assessment import forms, schemebook, services
from lianxin.assessment.filters import MeetingFilter, RankingFilter, SchemeFilter, ScoreFilter
from lianxin.assessment.models import Meeting, Period, Scheme, Score
from lianxin.assessment.plugin import Action
from lianxin.assessment.tables import MeetingTable, RankingTable, SchemeTable, ScoreTable
from lianxin.core.excel import attachment
from lianxin.core.ratelimit import check_export
from lianxin.core.views import (
    ImportView,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ScopedObjectMixin,
    ServiceFormView,
)
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org

V, MANAGE, SCORE, MEETING = (
    Action.ASSESSMENT_VIEW,
    Action.ASSESSMENT_MANAGE,
    Action.ASSESSMENT_SCORE,
    Action.ASSESSMENT_MEETING,
)


class AddButtonMixin:
    """`can_add` for the list's 新增/导入 button: shown only to those whose role holds `add_action`."""

    add_action: str = MANAGE

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"can_add": self.request.user.can(self.add_action)}


class SchemeListView(AddButtonMixin, ScopedListView):
    permission_action = V
    model = Scheme
    table_class = SchemeTable
    filterset_class = SchemeFilter
    title = gettext_lazy("考核方案")
    export_filename = "考核方案.xlsx"
    template_name = "assessment/scheme_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")


def home_county(user) -> Org | None:
    """The county of the user's own org: where the office's schemes are made."""
    county = user.home_org
    return Org.objects.get(code=county.ancestor_code(3)) if county and county.level >= 3 else county


class SchemeCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.SchemeForm
    title = gettext_lazy("制定考核方案")
    back_url = "assessment:scheme_list"

    def perform(self, actor, form):
        data = form.cleaned_data
        county = home_county(self.request.user)
        if data["copy_last_year"]:
            return services.copy_scheme(actor, county, data["year"])
        return services.create_scheme(actor, county, data["year"], name=data["name"], period_kind=data["period_kind"])


def _add_item(actor, scheme, **data):
    return services.add_item(actor, data.pop("dimension"), **data)


class SchemeDetailView(ObjectOperationsView):
    permission_action = V
    model = Scheme
    template_name = "assessment/scheme_detail.html"
    operations = {
        "add_item": Operation(_add_item, gettext_lazy("已添加评分项"), MANAGE, form=forms.ItemForm, inline=True),
    }

    def operation_form_kwargs(self, name):
        return {"scheme": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dimensions = self.object.dimensions.prefetch_related("items").order_by("subject_kind", "id")
        return context | {"dimensions": dimensions, "periods": self.object.periods.all()}


class SchemeExportView(ScopedObjectMixin, View):
    """The scheme as the workbook it can be imported from again (into this year or another)."""

    permission_action = V
    model = Scheme

    def get(self, request, *args, **kwargs):
        check_export(request)
        scheme = self.object
        return attachment(schemebook.export_scheme(scheme), f"{scheme.year}-{scheme.org.short_name}-考核方案.xlsx")


class SchemeImportView(ImportView):
    """A year's scheme of the user's county from a workbook (a scheme's export, or the template):
    all rows or none; the same file again is 未变."""

    permission_action = MANAGE
    form_class = forms.SchemeUploadForm
    title = gettext_lazy("导入考核方案")
    back_url = reverse_lazy("assessment:scheme_list")
    header = schemebook.ITEM_HEADER

    def template_workbook(self):
        return attachment(schemebook.template_bytes(), "考核方案模板.xlsx")

    def form_valid(self, form):
        self.year = form.cleaned_data["year"]
        return super().form_valid(form)

    def run_import(self, actor, data):
        return schemebook.import_scheme(actor, home_county(self.request.user), self.year, data)


class PeriodDetailView(ObjectOperationsView):
    permission_action = V
    model = Period
    template_name = "assessment/period_detail.html"
    operations = {
        "open": Operation(
            services.open_scores, gettext_lazy("已为范围内的考核对象开始评分"), None, allowed=services.can_open_scores
        ),
        "close": Operation(
            services.close_period,
            gettext_lazy("考核周期已关闭，评分已锁定并排名"),
            MANAGE,
            allowed=services.can_close_period,
        ),
        "rank": Operation(
            services.refresh_ranking, gettext_lazy("排名已刷新"), MANAGE, allowed=services.can_close_period
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("scheme__org")


def _save(actor, score, entries):
    return services.save_score(actor, score.period, score.subject, entries)


class ScoreDetailView(ObjectOperationsView):
    permission_action = V
    model = Score
    template_name = "assessment/score_detail.html"
    operations = {
        "save": Operation(
            _save, gettext_lazy("评分已保存"), None, form=forms.ItemPointsForm, inline=True, allowed=services.can_score
        ),
        "submit": Operation(services.submit_score, gettext_lazy("评分已提交"), None, allowed=services.can_score),
        "return": Operation(
            services.return_score,
            gettext_lazy("已退回评分人"),
            MANAGE,
            needs=("reason",),
            allowed=services.can_return_score,
        ),
        "outcome": Operation(
            services.set_outcome,
            gettext_lazy("已记录结果运用"),
            MANAGE,
            form=forms.OutcomeForm,
            inline=True,
            allowed=services.can_set_outcome,
        ),
    }

    def operation_form_kwargs(self, name):
        return {"score": self.object} if name == "save" else {}

    def get_queryset(self):
        return super().get_queryset().select_related("org", "subject", "period__scheme__org", "scorer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.object.items.select_related("item__dimension").order_by("item__dimension_id", "item__number")
        return context | {"item_scores": items, "outcome": getattr(self.object, "outcome", None)}


class ScoreListView(ScopedListView):
    permission_action = V
    model = Score
    table_class = ScoreTable
    filterset_class = ScoreFilter
    title = gettext_lazy("日常考核")
    export_filename = "日常考核.xlsx"
    template_name = "assessment/score_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org", "subject", "period__scheme")


class RankingView(ScopedListView):
    """One period's ranking of one kind, county places first; the bar chart shows the page's
    rows, and the table below is its accessible alternative (and the export)."""

    permission_action = V
    model = Score
    table_class = RankingTable
    filterset_class = RankingFilter
    title = gettext_lazy("考核排名")
    export_filename = "考核排名.xlsx"
    template_name = "assessment/ranking.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "subject").order_by("county_rank", "org__code")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["table"].page.object_list) if context["table"].page else []
        chart = {
            "title": str(self.title),
            "labels": [row.record.subject.name for row in rows],
            "series": [{"name": "得分", "data": [float(row.record.total) for row in rows]}],
        }
        return context | {"chart": chart}


class MeetingListView(AddButtonMixin, ScopedListView):
    permission_action = V
    add_action = MEETING
    model = Meeting
    table_class = MeetingTable
    filterset_class = MeetingFilter
    title = gettext_lazy("专班例会")
    export_filename = "专班例会.xlsx"
    template_name = "assessment/meeting_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")


class MeetingCreateView(ServiceFormView):
    permission_action = MEETING
    form_class = forms.MeetingForm
    title = gettext_lazy("记录专班例会")
    back_url = success_url = "assessment:meeting_list"

    def get_form_kwargs(self):
        forces = Org.objects.restrict(self.request.user, MEETING).filter(kind=OrgKind.TASK_FORCE)
        return super().get_form_kwargs() | {"task_forces": forces}

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.record_meeting(
            actor,
            data.pop("task_force"),
            day=data["day"],
            attendees=data["attendees"],
            head_attended=data["head_attended"],
            progress=data["progress"],
        )
