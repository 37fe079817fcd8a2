import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lianxin.core.filters import YearFilterSet
from lianxin.core.scope import prefix_q
from lianxin.projects.choices import DemandStatus, Priority, ProjectKind
from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.standards.choices import Star


class SupplyFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("部门/资金名称"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ProjectKind.choices)
    star = django_filters.ChoiceFilter(label=_("服务星"), choices=Star.choices)
    unmatched = django_filters.BooleanFilter(label=_("有余额"), method="filter_unmatched")

    class Meta:
        model = SupplyProject
        fields = ["q", "year", "kind", "star", "unmatched"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(department__icontains=value.strip()) | Q(fund_name__icontains=value.strip()))

    def filter_unmatched(self, queryset, name, value):
        return queryset.filter(allocated__lt=F("amount")) if value else queryset.filter(allocated__gte=F("amount"))


class DemandFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("项目/村"), method="filter_q")
    place = django_filters.CharFilter(label=_("乡镇/村代码"), method="filter_place")
    star = django_filters.ChoiceFilter(label=_("服务星"), choices=Star.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=DemandStatus.choices)
    priority = django_filters.ChoiceFilter(label=_("优先级"), choices=Priority.choices)
    unmatched = django_filters.BooleanFilter(label=_("未匹配"), method="filter_unmatched")

    class Meta:
        model = DemandProject
        fields = ["q", "place", "year", "star", "status", "priority", "unmatched"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value) | Q(org__short_name__contains=value) | Q(org__parent__short_name__contains=value)
        )

    def filter_place(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(prefix_q(value, "org__code")) if value.isdigit() else queryset.none()

    def filter_unmatched(self, queryset, name, value):
        return queryset.filter(funded=0) if value else queryset.filter(funded__gt=0)
