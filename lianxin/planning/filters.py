import django_filters
from django.utils.translation import gettext_lazy as _

from lianxin.core.filters import YearFilterSet, search_villages
from lianxin.planning.choices import PlanStatus
from lianxin.planning.models import CreationPlan


class PlanFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices)
    target_level = django_filters.NumberFilter(label=_("目标星级"))

    class Meta:
        model = CreationPlan
        fields = ["q", "year", "status", "target_level"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)
