"""Leaders' duty pages: the county's duties with their state this period, a new duty, and a
duty's page where the office records each time it was done."""

import django_tables2 as tables
from django import forms as django_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.orgs.models import Org
from lianxin.rhythm import duties
from lianxin.rhythm.forms import DATE
from lianxin.rhythm.models import Frequency, LeaderDuty
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.views import managed_orgs

VIEW, MANAGE = Action.RHYTHM_VIEW, Action.RHYTHM_MANAGE


class DutyTable(tables.Table):
    title = tables.Column(linkify=lambda record: record.get_absolute_url())
    unit = tables.Column(accessor="org__short_name", verbose_name=gettext_lazy("单位"))
    last_done = tables.DateColumn(verbose_name=gettext_lazy("最近落实"), format="Y-m-d")
    state = tables.Column(verbose_name=gettext_lazy("落实情况"), accessor="last_done", orderable=False, empty_values=())

    class Meta:
        model = LeaderDuty
        fields = ("title", "holder", "frequency", "unit", "last_done", "state")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_state(self, record):
        return duties.STATE_LABELS[duties.state(record.last_done, record.frequency, timezone.localdate())]

    def value_state(self, record):
        return self.render_state(record)


class DutyListView(ScopedListView):
    permission_action = VIEW
    model = LeaderDuty
    table_class = DutyTable
    filterset_class = None
    template_name = "rhythm/duty_list.html"
    title = gettext_lazy("领导责任")
    export_filename = "领导责任落实情况.xlsx"

    def get_queryset(self):
        return duties.with_last_done(super().get_queryset()).select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=bool(managed_orgs(self.request.user)), **kwargs)


class DutyForm(django_forms.Form):
    org = django_forms.ChoiceField(label=gettext_lazy("单位"))
    title = django_forms.CharField(label=gettext_lazy("责任事项"), max_length=100)
    holder = django_forms.CharField(label=gettext_lazy("责任人"), max_length=50)
    frequency = django_forms.ChoiceField(label=gettext_lazy("频次"), choices=Frequency.choices)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.code, o.name) for o in orgs]


class DutyCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = DutyForm
    title = gettext_lazy("设置领导责任")
    back_url = success_url = "rhythm:duty_list"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"orgs": managed_orgs(self.request.user)}

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        org = Org.objects.restrict(self.request.user, MANAGE).get(code=data.pop("org"))
        return duties.add_duty(actor, org, **data)


class OccurrenceForm(django_forms.Form):
    day = django_forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    note = django_forms.CharField(label=gettext_lazy("内容"), max_length=300)


class DutyDetailView(ObjectOperationsView):
    permission_action = VIEW
    model = LeaderDuty
    template_name = "rhythm/duty_detail.html"
    operations = {
        "done": Operation(duties.record_occurrence, gettext_lazy("已记录"), MANAGE, form=OccurrenceForm, inline=True),
    }

    def get_queryset(self):
        return duties.with_last_done(super().get_queryset()).select_related("org")

    def get_context_data(self, **kwargs):
        duty = self.object
        state = duties.state(duty.last_done, duty.frequency, timezone.localdate())
        return super().get_context_data(
            occurrences=duty.occurrences.all(), state=state, state_label=duties.STATE_LABELS[state], **kwargs
        )
