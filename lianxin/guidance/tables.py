import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.guidance.models import AreaAssignment, Finding, WeakBranch
from lianxin.registers.tables import ATTRS, OverdueColumn


class AssignmentTable(tables.Table):
    area = tables.Column(accessor="org__short_name", verbose_name=_("包联范围"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("所属"), orderable=False)
    cadre_unit = tables.Column(accessor="cadre__unit", verbose_name=_("单位"))

    class Meta:
        model = AreaAssignment
        fields = ("year", "cadre", "cadre_unit", "area", "township", "category", "note")
        attrs = ATTRS


class FindingTable(tables.Table):
    description = tables.Column(linkify=True)
    place = tables.Column(accessor="org__short_name", verbose_name=_("所在"), order_by=("org__code",))
    cadre = tables.Column(accessor="guidance_visit__cadre__name", verbose_name=_("干部"))
    found_on = tables.DateColumn(accessor="guidance_visit__date", verbose_name=_("发现日期"), format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()

    class Meta:
        model = Finding
        fields = ("description", "place", "cadre", "found_on", "deadline", "status", "overdue")
        attrs = ATTRS

    def render_description(self, value):
        return value[:40]


class WeakBranchTable(tables.Table):
    village = tables.Column(
        accessor="org__short_name",
        verbose_name=_("党组织"),
        order_by=("org__code",),
        linkify=("guidance:weak_detail", {"pk": tables.A("pk")}),
    )
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("乡镇(街道)"), orderable=False)

    class Meta:
        model = WeakBranch
        fields = ("year", "village", "township", "reasons", "cadre", "status", "delisted_on")
        attrs = ATTRS

    def render_reasons(self, value):
        return value[:40]
