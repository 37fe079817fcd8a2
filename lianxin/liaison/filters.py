import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import prefix_q
from lianxin.liaison.choices import Category, FindingStatus, HouseholdTag, Level, MatterStatus, VisitWay, WeakStatus
from lianxin.liaison.models import (
    AreaAssignment,
    Consultation,
    Finding,
    Household,
    Matter,
    PartyMember,
    Visit,
    WeakBranch,
    born_after_for_under_35,
)


class PlaceFilterSet(django_filters.FilterSet):
    """`place`: a township or village code (prefix, as a range); `q`: free text."""

    place = django_filters.CharFilter(label=_("乡镇/村代码"), method="filter_place")
    search_fields: tuple[str, ...] = ()

    def filter_place(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(prefix_q(value, "org__code")) if value.isdigit() else queryset.none()

    def filter_q(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class HouseholdFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("户号/户主/住址"), method="filter_q")
    tag = django_filters.ChoiceFilter(
        label=_("标签"), choices=HouseholdTag.choices, field_name="tags", lookup_expr="contains"
    )
    linked = django_filters.BooleanFilter(label=_("已联户"), method="filter_linked")
    search_fields = ("number", "head_name", "address")

    class Meta:
        model = Household
        fields = ["q", "place", "tag", "linked"]

    def filter_linked(self, queryset, name, value):
        return queryset.filter(links__isnull=not value)


class MemberFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("姓名/职务"), method="filter_q")
    young = django_filters.BooleanFilter(label=_("35岁以下"), method="filter_young")
    search_fields = ("name", "post")

    class Meta:
        model = PartyMember
        fields = ["q", "place", "gender", "young"]

    def filter_young(self, queryset, name, value):
        cutoff = born_after_for_under_35(timezone.localdate())
        return queryset.filter(birth_date__gt=cutoff) if value else queryset.filter(birth_date__lte=cutoff)


class VisitFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("户主/反映情况"), method="filter_q")
    way = django_filters.ChoiceFilter(label=_("方式"), choices=VisitWay.choices)
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    since = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    search_fields = ("household__head_name", "raised")

    class Meta:
        model = Visit
        fields = ["q", "place", "way", "category", "since"]


class MatterFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("事项"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("办理层级"), choices=Level.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MatterStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("超期"), method="filter_overdue")
    search_fields = ("title", "description")

    class Meta:
        model = Matter
        fields = ["q", "place", "level", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=MatterStatus.OPEN, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


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


class ConsultationFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("议题"), method="filter_q")
    since = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    search_fields = ("topic", "decisions")

    class Meta:
        model = Consultation
        fields = ["q", "place", "since"]


class WeakBranchFilter(PlaceFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=WeakStatus.choices)

    class Meta:
        model = WeakBranch
        fields = ["place", "year", "status"]
