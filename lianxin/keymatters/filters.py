from datetime import date

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.months import on_list, parse_month
from lianxin.keymatters.services import KEEPER_KINDS, MIN_OPEN
from lianxin.orgs.models import Org
from lianxin.standards.choices import Star

KIND_CHOICES = [(k.value, k.label) for k in KEEPER_KINDS]


def month_of(value) -> date | None:
    """The month named by a filter value; None when it names none (the list is then empty)."""
    try:
        return parse_month(value, timezone.localdate())
    except ValidationError:
        return None


class MatterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("事项/责任人"), method="filter_q")
    month = django_filters.CharFilter(label=_("月份（年-月）"), method="filter_month")
    unit = django_filters.CharFilter(label=_("单位代码"), field_name="org__code")
    # The matters naming one village (the link from that village's battle map).
    village = django_filters.CharFilter(label=_("涉及村（社区）代码"), field_name="villages__code")
    kind = django_filters.ChoiceFilter(label=_("单位类型"), choices=KIND_CHOICES, field_name="org__kind")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MatterStatus.choices)
    star = django_filters.ChoiceFilter(label=_("服务星"), choices=Star.choices)
    overdue = django_filters.BooleanFilter(label=_("超期"), method="filter_overdue")

    class Meta:
        model = KeyMatter
        fields = ["q", "month", "unit", "village", "kind", "status", "star", "overdue"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value.strip()) | Q(owner__icontains=value.strip()))

    def filter_month(self, queryset, name, value):
        month = month_of(value)
        return queryset.filter(on_list(month)) if month else queryset.none()

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=MatterStatus.OPEN, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class MonthFilter(django_filters.FilterSet):
    """The month itself is read by the view (it sets the counts); `short`: fewer than three open."""

    month = django_filters.CharFilter(label=_("月份（年-月）"), method="keep")
    kind = django_filters.ChoiceFilter(label=_("单位类型"), choices=KIND_CHOICES)
    q = django_filters.CharFilter(label=_("单位"), field_name="short_name", lookup_expr="contains")
    short = django_filters.BooleanFilter(label=_("不足3项"), method="filter_short")
    overdue = django_filters.BooleanFilter(label=_("有超期"), method="filter_overdue")

    class Meta:
        model = Org
        fields = ["month", "kind", "q", "short", "overdue"]

    def keep(self, queryset, name, value):
        return queryset

    def filter_short(self, queryset, name, value):
        return queryset.filter(open_count__lt=MIN_OPEN) if value else queryset.filter(open_count__gte=MIN_OPEN)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_count__gt=0) if value else queryset.filter(overdue_count=0)
