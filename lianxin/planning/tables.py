import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.planning.models import CreationPlan, Measure


class PlanTable(tables.Table):
    village = tables.Column(
        verbose_name=_("村（社区）"),
        accessor="org__short_name",
        order_by="org__code",
        linkify=("planning:plan_detail", {"pk": tables.A("pk")}),
    )
    township = tables.Column(verbose_name=_("乡镇（街道）"), accessor="org__parent__short_name", order_by="org__code")
    year = tables.Column(verbose_name=_("年度"))
    target_level = tables.Column(verbose_name=_("目标星级"))
    status = tables.Column(verbose_name=_("状态"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("提交时间"), format="Y-m-d")

    class Meta:
        model = CreationPlan
        fields = ("village", "township", "year", "target_level", "status", "submitted_at")
        order_by = "village"
        attrs = {"class": "table table-sm table-hover align-middle"}


class MeasureTable(tables.Table):
    village = tables.Column(verbose_name=_("村（社区）"), accessor="plan__org__short_name", order_by="plan__org__code")
    star = tables.Column(verbose_name=_("星"))
    description = tables.Column(verbose_name=_("措施内容"), linkify=True)
    deadline = tables.DateColumn(verbose_name=_("时间节点"), format="Y-m-d")
    responsible_name = tables.Column(verbose_name=_("责任人"))
    progress = tables.Column(verbose_name=_("进度（%）"))
    status = tables.Column(verbose_name=_("状态"), empty_values=(), orderable=False)

    class Meta:
        model = Measure
        fields = ("village", "star", "description", "deadline", "responsible_name", "progress", "status")
        order_by = "deadline"
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_description(self, value):
        return value[:40]

    def render_status(self, record):
        return record.get_status_display()
