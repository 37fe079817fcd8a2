import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.planning.models import CreationPlan


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
