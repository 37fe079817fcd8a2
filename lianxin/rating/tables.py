import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.rating.models import Application, ProgressAward, VillageRating


class ApplicationTable(tables.Table):
    village = tables.Column(
        verbose_name=_("村（社区）"),
        accessor="org__short_name",
        order_by="org__code",
        linkify=("rating:application_detail", {"pk": tables.A("pk")}),
    )
    township = tables.Column(verbose_name=_("乡镇（街道）"), accessor="org__parent__short_name", order_by="org__code")
    year = tables.Column(verbose_name=_("年度"))
    kind = tables.Column(verbose_name=_("类型"))
    star_labels = tables.Column(verbose_name=_("申报的星"), orderable=False)
    status = tables.Column(verbose_name=_("状态"))
    step_kind = tables.Column(verbose_name=_("当前环节"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("提交时间"), format="Y-m-d")

    class Meta:
        model = Application
        fields = ("village", "township", "year", "kind", "star_labels", "status", "step_kind", "submitted_at")
        order_by = "village"
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "applications"}


class RatingTable(tables.Table):
    village = tables.Column(verbose_name=_("村（社区）"), accessor="org__short_name", order_by="org__code")
    township = tables.Column(verbose_name=_("乡镇（街道）"), accessor="org__parent__short_name", order_by="org__code")
    year = tables.Column(verbose_name=_("年度"))
    level = tables.Column(verbose_name=_("星级"))
    star_labels = tables.Column(verbose_name=_("认定的星"), orderable=False)
    status = tables.Column(verbose_name=_("状态"))
    change_reason = tables.Column(verbose_name=_("降星/撤销理由"))
    adjust = tables.LinkColumn(
        "rating:result_adjust",
        args=[tables.A("pk")],
        text=_("降星/撤销"),
        verbose_name=_("操作"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = VillageRating
        fields = ("village", "township", "year", "level", "star_labels", "status", "change_reason")
        order_by = ("-year", "village")
        attrs = {"class": "table table-sm table-hover align-middle", "data-testid": "results"}


class AwardTable(tables.Table):
    village = tables.Column(verbose_name=_("村（社区）"), accessor="org__short_name", order_by="org__code")
    township = tables.Column(verbose_name=_("乡镇（街道）"), accessor="org__parent__short_name", order_by="org__code")
    year = tables.Column(verbose_name=_("年度"))
    star = tables.Column(verbose_name=_("星"))
    amount = tables.Column(verbose_name=_("奖励金额（元）"))
    plaque = tables.Column(verbose_name=_("牌匾"))
    paid_on = tables.DateColumn(verbose_name=_("拨付日期"), format="Y-m-d", default=_("待拨付"))
    pay = tables.LinkColumn(
        "rating:award_pay",
        args=[tables.A("pk")],
        text=_("登记拨付"),
        verbose_name=_("操作"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = ProgressAward
        fields = ("village", "township", "year", "star", "amount", "plaque", "paid_on")
        order_by = ("-year", "village")
        attrs = {"class": "table table-sm table-hover align-middle"}
