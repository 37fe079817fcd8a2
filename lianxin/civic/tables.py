import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.civic.models import Campaign, Dispute, Volunteer, ZeroReport
from lianxin.registers.tables import ATTRS, OverdueColumn

VILLAGE = {"accessor": "org__short_name", "verbose_name": _("村(社区)"), "order_by": ("org__code",)}


class DisputeTable(tables.Table):
    village = tables.Column(**VILLAGE)
    description = tables.Column(linkify=True)
    received_on = tables.DateColumn(format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()

    class Meta:
        model = Dispute
        fields = (
            "received_on",
            "village",
            "kind",
            "description",
            "mediator",
            "status",
            "outcome",
            "deadline",
            "overdue",
        )
        attrs = ATTRS

    def render_description(self, value):
        return value[:40]


class ZeroReportTable(tables.Table):
    village = tables.Column(**VILLAGE)
    month = tables.DateColumn(format="Y-m")
    three_zero = tables.BooleanColumn(verbose_name=_("三零"), orderable=False)

    class Meta:
        model = ZeroReport
        fields = ("month", "village", "petitions", "incidents", "cases", "three_zero")
        attrs = ATTRS


class VolunteerTable(tables.Table):
    village = tables.Column(**VILLAGE)
    name = tables.Column(linkify=True)
    year_hours = tables.Column(verbose_name=_("本年时长"))
    lifetime = tables.Column(verbose_name=_("累计时长"), empty_values=(), order_by=("signed_hours",))

    class Meta:
        model = Volunteer
        fields = ("village", "name", "skills", "since", "year_hours", "lifetime")
        attrs = ATTRS

    def render_lifetime(self, record):
        return record.signed_hours + record.prior_hours

    def value_lifetime(self, record):
        return record.signed_hours + record.prior_hours


class CampaignTable(tables.Table):
    place = tables.Column(accessor="org__short_name", verbose_name=_("组织单位"), order_by=("org__code",))
    title = tables.Column(linkify=True)

    class Meta:
        model = Campaign
        fields = ("year", "place", "title", "categories", "voting", "status")
        attrs = ATTRS
