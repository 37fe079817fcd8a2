import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.registers.tables import ATTRS


class SupplyTable(tables.Table):
    fund_name = tables.Column(linkify=True)
    balance = tables.Column(verbose_name=_("余额（万元）"), orderable=False)

    class Meta:
        model = SupplyProject
        fields = ("year", "department", "fund_name", "kind", "star", "amount", "allocated", "balance", "conditions")
        attrs = ATTRS


class DemandTable(tables.Table):
    title = tables.Column(linkify=True)
    village = tables.Column(accessor="org__short_name", verbose_name=_("村（社区）"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("乡镇（街道）"), orderable=False)

    class Meta:
        model = DemandProject
        fields = (
            "year",
            "township",
            "village",
            "title",
            "star",
            "work_item",
            "priority",
            "amount_asked",
            "funded",
            "spent",
            "status",
        )
        attrs = ATTRS
