import django_filters
from django.utils.translation import gettext_lazy as _

from lianxin.branchlife.choices import MeetingKind
from lianxin.branchlife.models import Meeting
from lianxin.registers.filters import PlaceFilterSet
from lianxin.registers.models import PartyMember


class MeetingFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("主题"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=MeetingKind.choices)
    year = django_filters.NumberFilter(label=_("年度"), field_name="date", lookup_expr="year")
    search_fields = ("topic", "minutes")

    class Meta:
        model = Meeting
        fields = ["q", "place", "kind", "year"]


class MemberAttendanceFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("姓名"), method="filter_q")
    search_fields = ("name",)

    class Meta:
        model = PartyMember
        fields = ["q", "place"]
