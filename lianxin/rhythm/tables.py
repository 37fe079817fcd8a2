import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.rhythm.models import Bulletin, Decision, DispatchMeeting


class BulletinTable(tables.Table):
    title = tables.Column(
        verbose_name=_("期号"), linkify=lambda record: record.get_absolute_url(), order_by=("week_start",)
    )
    unit = tables.Column(accessor="org__short_name", verbose_name=_("通报单位"))
    week_start = tables.DateColumn(format="Y-m-d")
    red = tables.Column(accessor="red_codes", verbose_name=_("亮红灯单位数"), orderable=False)
    finished_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = Bulletin
        fields = ("title", "unit", "week_start", "status", "red", "finished_at")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_red(self, value):
        return len(value)

    def value_red(self, value):
        return len(value)


class MeetingTable(tables.Table):
    title = tables.Column(linkify=lambda record: record.get_absolute_url())
    unit = tables.Column(accessor="org__short_name", verbose_name=_("召开单位"))
    date = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = DispatchMeeting
        fields = ("date", "title", "unit", "chair")
        attrs = {"class": "table table-sm table-hover align-middle"}


class DecisionTable(tables.Table):
    text = tables.Column(linkify=lambda record: record.get_absolute_url())
    owner = tables.Column(accessor="org__short_name", verbose_name=_("责任单位"), order_by=("org__code",))
    meeting = tables.Column(accessor="meeting__title", verbose_name=_("会议"))
    deadline = tables.DateColumn(format="Y-m-d")
    done_at = tables.DateTimeColumn(format="Y-m-d")

    class Meta:
        model = Decision
        fields = ("text", "owner", "meeting", "deadline", "done_at", "done_note")
        attrs = {"class": "table table-sm table-hover align-middle"}
