"""Monthly dispatch pages: meetings (list, create, the meeting with its units' attendance,
reports and decisions, the minutes in Word), a unit's report for a meeting, and the decisions
list that owners work through. Rows from `restrict()`; changes through `dispatch`."""

from io import BytesIO

import django_filters
from django import forms as django_forms
from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lianxin.core.views import DownloadView, ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.core.views.base import ScopedObjectMixin
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch, documents, forms
from lianxin.rhythm.models import Decision, DispatchMeeting, MeetingUnit
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.tables import DecisionTable, MeetingTable
from lianxin.rhythm.views import managed_orgs

VIEW, MANAGE, REPORT = Action.RHYTHM_VIEW, Action.RHYTHM_MANAGE, Action.RHYTHM_REPORT


class MeetingFilter(django_filters.FilterSet):
    date_after = django_filters.DateFilter(label=gettext_lazy("会议日期起"), field_name="date", lookup_expr="gte")

    class Meta:
        model = DispatchMeeting
        fields = ["date_after"]


class MeetingListView(ScopedListView):
    permission_action = VIEW
    model = DispatchMeeting
    table_class = MeetingTable
    filterset_class = MeetingFilter
    template_name = "rhythm/meeting_list.html"
    title = gettext_lazy("月调度会")
    export_filename = "月调度会.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=bool(managed_orgs(self.request.user)), **kwargs)


class MeetingCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.MeetingForm
    title = gettext_lazy("召开月调度会")
    back_url = "rhythm:meeting_list"
    success_message = gettext_lazy("已创建，各单位的进展已按系统数据预填")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"orgs": managed_orgs(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        org = Org.objects.restrict(self.request.user, MANAGE).get(code=data["org"])
        return dispatch.create_meeting(actor, org, day=data["day"], title=data["title"], chair=data["chair"])


def _marks(actor, meeting, **data):
    dispatch.record_attendance(actor, meeting, data["marks"])


class AttendanceForm(django_forms.Form):
    """The checkboxes of the meeting page: `attended_<id>`, `head_attended_<id>`, `reported_<id>`."""

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)

    def service_arguments(self) -> dict:
        marks = {u.pk: {n for n in dispatch.ATTENDANCE if self.data.get(f"{n}_{u.pk}")} for u in self.units}
        return {"marks": marks}


class MeetingDetailView(ObjectOperationsView):
    permission_action = VIEW
    model = DispatchMeeting
    template_name = "rhythm/meeting_detail.html"
    operations = {
        "attendance": Operation(_marks, gettext_lazy("已登记参会情况"), MANAGE, form=AttendanceForm),
        "decide": Operation(dispatch.add_decision, gettext_lazy("已记录议定事项"), MANAGE, form=forms.DecisionForm),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def operation_form_kwargs(self, name):
        if name == "attendance":
            return {"units": self.object.units.all()}
        owners = Org.objects.filter(pk__in=self.object.units.values("org_id"))
        return {"owners": owners.order_by("kind", "code")}

    def get_context_data(self, **kwargs):
        units = self.object.units.select_related("org")
        decisions = self.object.decisions.select_related("org")
        return super().get_context_data(
            units=units, decisions=decisions, decision_form=self.operation_form("decide"), **kwargs
        )


class MinutesView(ScopedObjectMixin, DownloadView):
    permission_action = VIEW
    model = DispatchMeeting

    def export(self):
        meeting = self.object
        name = f"{meeting.org.short_name}{meeting.date:%Y%m%d}月调度会纪要.docx"
        return FileResponse(BytesIO(documents.minutes_docx(meeting)), as_attachment=True, filename=name)


class ReportView(ServiceFormView):
    """A called unit's report for the meeting, pre-filled, editable up to the meeting day."""

    permission_action = REPORT
    model = MeetingUnit
    form_class = forms.ReportForm
    success_message = gettext_lazy("进展已保存")

    @property
    def title(self):
        return f"{self.object.meeting} · {self.object.org.short_name}"

    def get_queryset(self):
        return super().get_queryset().select_related("org", "meeting__org")

    def get_initial(self):
        return {"report": self.object.report}

    def perform(self, actor, form):
        dispatch.update_report(actor, self.object, report=form.cleaned_data["report"])
        return self.object.meeting


class DecisionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"),
        choices=(
            ("open", gettext_lazy("办理中")),
            ("overdue", gettext_lazy("已超期")),
            ("done", gettext_lazy("已办结")),
        ),
        method="filter_state",
    )

    class Meta:
        model = Decision
        fields = ["state"]

    def filter_state(self, queryset, name, value):
        open_ = Q(done_at__isnull=True)
        if value == "overdue":
            return queryset.filter(open_, deadline__lt=timezone.localdate())
        return queryset.filter(open_) if value == "open" else queryset.exclude(open_)


class DecisionListView(ScopedListView):
    permission_action = VIEW
    model = Decision
    table_class = DecisionTable
    filterset_class = DecisionFilter
    title = gettext_lazy("议定事项")
    export_filename = "月调度议定事项.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org", "meeting")


class DecisionDetailView(ObjectOperationsView):
    permission_action = VIEW
    model = Decision
    template_name = "rhythm/decision_detail.html"
    operations = {
        "done": Operation(
            dispatch.close_decision, gettext_lazy("已办结"), REPORT, needs=("note",), allowed=dispatch.can_close
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "meeting__org")
