import django_filters
from django.utils.translation import gettext_lazy as _

from lianxin.points.choices import EntryStatus
from lianxin.points.models import Account, Donation, Entry, Goods, Redemption, Rule
from lianxin.registers.filters import PlaceFilterSet


class EntryFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("户号/户主/项目"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=EntryStatus.choices)
    search_fields = ("account__household__number", "account__household__head_name", "rule__name")

    class Meta:
        model = Entry
        fields = ["q", "place", "status"]


class AccountFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("户号/户主"), method="filter_q")
    search_fields = ("household__number", "household__head_name")

    class Meta:
        model = Account
        fields = ["q", "place"]


class RuleFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("项目"), method="filter_q")
    search_fields = ("name",)

    class Meta:
        model = Rule
        fields = ["q", "place", "period", "active"]


class GoodsFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("商品"), method="filter_q")
    search_fields = ("name",)

    class Meta:
        model = Goods
        fields = ["q", "place", "active"]


class LedgerFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("商品"), method="filter_q")
    search_fields = ("goods__name",)


class DonationFilter(LedgerFilter):
    class Meta:
        model = Donation
        fields = ["q", "place"]


class RedemptionFilter(LedgerFilter):
    class Meta:
        model = Redemption
        fields = ["q", "place"]
