import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.civic.choices import DisputeKind, DisputeStatus, Outcome
from lianxin.civic.models import Campaign, Dispute, Volunteer, ZeroReport
from lianxin.registers.filters import PlaceFilterSet


class DisputeFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("当事人/情况"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=DisputeKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=DisputeStatus.choices)
    outcome = django_filters.ChoiceFilter(label=_("结果"), choices=Outcome.choices)
    overdue = django_filters.BooleanFilter(label=_("超期"), method="filter_overdue")
    search_fields = ("parties", "description", "households__head_name")

    class Meta:
        model = Dispute
        fields = ["q", "place", "kind", "status", "outcome", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=DisputeStatus.MEDIATING, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ZeroReportFilter(PlaceFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="month", lookup_expr="year")

    class Meta:
        model = ZeroReport
        fields = ["place", "year"]


class VolunteerFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("姓名/特长"), method="filter_q")
    search_fields = ("name", "skills")

    class Meta:
        model = Volunteer
        fields = ["q", "place", "teams"]


class CampaignFilter(PlaceFilterSet):
    class Meta:
        model = Campaign
        fields = ["place", "year", "status"]
