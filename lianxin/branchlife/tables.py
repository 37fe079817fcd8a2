import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.branchlife.models import Meeting
from lianxin.branchlife.queries import rate
from lianxin.registers.models import PartyMember
from lianxin.registers.tables import ATTRS

VILLAGE = {"accessor": "org__short_name", "verbose_name": _("支部"), "order_by": ("org__code",)}


class MeetingTable(tables.Table):
    village = tables.Column(**VILLAGE)
    topic = tables.Column(linkify=True)
    date = tables.DateColumn(format="Y-m-d")
    present = tables.Column(verbose_name=_("出席"), orderable=False)
    absent = tables.Column(verbose_name=_("缺席"), orderable=False)

    class Meta:
        model = Meeting
        fields = ("date", "village", "kind", "topic", "present", "absent")
        attrs = ATTRS


class MemberAttendanceTable(tables.Table):
    village = tables.Column(**VILLAGE)
    attended = tables.Column(verbose_name=_("出席次数"))
    meetings = tables.Column(verbose_name=_("应到次数"))
    rate = tables.Column(verbose_name=_("出席率%"), empty_values=(), orderable=False)

    class Meta:
        model = PartyMember
        fields = ("village", "name", "attended", "meetings", "rate")
        attrs = ATTRS

    def render_rate(self, record):
        return rate(record.attended, record.meetings) if record.meetings else "—"

    def value_rate(self, record):
        return rate(record.attended, record.meetings)
