import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.planning.choices import PlanStatus
from lianxin.planning.forms import year_choices
from lianxin.planning.models import CreationPlan


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    year = django_filters.ChoiceFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices)
    target_level = django_filters.NumberFilter(label=_("目标星级"))

    class Meta:
        model = CreationPlan
        fields = ["q", "year", "status", "target_level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()  # this year's list, not import day's

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(org__short_name__contains=value)
            | Q(org__parent__short_name__contains=value)
            | Q(org__initials__contains=value.lower())
        )
