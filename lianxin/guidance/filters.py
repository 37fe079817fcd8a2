import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.guidance.choices import FindingStatus, WeakStatus
from lianxin.guidance.models import AreaAssignment, Finding, WeakBranch
from lianxin.registers.filters import PlaceFilterSet


class FindingFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("问题"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=FindingStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("超期"), method="filter_overdue")
    search_fields = ("description", "rectification")

    class Meta:
        model = Finding
        fields = ["q", "place", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(deadline__lt=timezone.localdate()) & ~Q(status=FindingStatus.CONFIRMED)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class AssignmentFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("干部"), method="filter_q")
    search_fields = ("cadre__name", "cadre__unit")

    class Meta:
        model = AreaAssignment
        fields = ["q", "place", "year", "category"]


class WeakBranchFilter(PlaceFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=WeakStatus.choices)

    class Meta:
        model = WeakBranch
        fields = ["place", "year", "status"]
