import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from lianxin.points.models import Account, Donation, Entry, Goods, HouseholdCategory, Rating, Redemption, Rule
from lianxin.points.plugin import Action
from lianxin.registers.tables import ATTRS

VILLAGE = {"accessor": "org__short_name", "verbose_name": _("村(社区)"), "order_by": ("org__code",)}


def edit_links(table, record, action: str, links) -> str:
    """The row's edit links (url name, label), for a user who may use them; none in exports."""
    request = getattr(table, "request", None)
    if request is None or not request.user.can(action):
        return "—"
    anchors = ((reverse(name, kwargs={"pk": record.pk}), label) for name, label in links)
    return format_html_join(" · ", '<a href="{}">{}</a>', anchors)


def change_column():
    return tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False, exclude_from_export=True)


class EntryTable(tables.Table):
    village = tables.Column(**VILLAGE)
    household = tables.Column(
        accessor="account__household", verbose_name=_("农户"), order_by=("account__household__number",)
    )
    rule = tables.Column(
        accessor="rule__name", verbose_name=_("积分项目"), linkify=lambda record: record.get_absolute_url()
    )
    date = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Entry
        fields = ("date", "village", "household", "rule", "points", "status", "note")
        attrs = ATTRS


class AccountTable(tables.Table):
    village = tables.Column(**VILLAGE)
    household = tables.Column(linkify=lambda record: record.get_absolute_url(), order_by=("household__number",))

    class Meta:
        model = Account
        fields = ("village", "household", "balance")
        attrs = ATTRS


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name=_("名次"), empty_values=(), orderable=False)
    village = tables.Column(**VILLAGE)
    household = tables.Column(linkify=lambda record: record.get_absolute_url(), orderable=False)
    year_points = tables.Column(verbose_name=_("本年积分"))
    balance = tables.Column()

    class Meta:
        model = Account
        fields = ("rank", "village", "household", "year_points", "balance")
        attrs = ATTRS
        orderable = False

    def render_rank(self, record):
        return record.rank


class RuleTable(tables.Table):
    book = tables.Column(accessor="org__short_name", verbose_name=_("规则本"), order_by=("org__code",))
    change = change_column()

    class Meta:
        model = Rule
        fields = ("book", "name", "points", "limit", "period", "active", "change")
        attrs = ATTRS

    def render_change(self, record):
        if not record.active:
            return "—"
        links = (("points:rule_edit", _("修改")), ("points:rule_retire", _("停用")))
        return edit_links(self, record, Action.POINTS_MANAGE, links)


class GoodsTable(tables.Table):
    village = tables.Column(**VILLAGE)

    class Meta:
        model = Goods
        fields = ("village", "name", "price", "stock", "active")
        attrs = ATTRS


class DonationTable(tables.Table):
    village = tables.Column(**VILLAGE)
    date = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Donation
        fields = ("date", "village", "goods", "quantity", "donor", "value")
        attrs = ATTRS


class RedemptionTable(tables.Table):
    village = tables.Column(**VILLAGE)
    household = tables.Column(accessor="account__household", verbose_name=_("农户"), orderable=False)
    date = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Redemption
        fields = ("date", "village", "household", "goods", "quantity", "points")
        attrs = ATTRS


class CategoryTable(tables.Table):
    county = tables.Column(accessor="org__short_name", verbose_name=_("县（市、区）"), order_by=("org__code",))
    change = change_column()

    class Meta:
        model = HouseholdCategory
        fields = ("county", "rank", "name", "criteria", "change")
        attrs = ATTRS

    def render_change(self, record):
        return edit_links(self, record, Action.POINTS_CATEGORIES, (("points:category_edit", _("修改")),))


class RatingTable(tables.Table):
    village = tables.Column(**VILLAGE)
    period = tables.Column(linkify=True)

    class Meta:
        model = Rating
        fields = ("village", "period", "status", "publicity_until")
        attrs = ATTRS
