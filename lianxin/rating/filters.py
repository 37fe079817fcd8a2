import django_filters
from django.utils.translation import gettext_lazy as _

from lianxin.core.filters import YearFilterSet, search_villages
from lianxin.rating.choices import ApplicationKind, ApplicationStatus, RatingStatus, StepKind
from lianxin.rating.models import Application, ProgressAward, VillageRating


class ApplicationFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ApplicationKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ApplicationStatus.choices)
    step_kind = django_filters.ChoiceFilter(label=_("当前环节"), choices=StepKind.choices)

    class Meta:
        model = Application
        fields = ["q", "year", "kind", "status", "step_kind"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)


class RatingFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    level = django_filters.NumberFilter(label=_("星级"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=RatingStatus.choices)

    class Meta:
        model = VillageRating
        fields = ["q", "year", "level", "status"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)


class AwardFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    paid = django_filters.BooleanFilter(label=_("已拨付"), field_name="paid_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = ProgressAward
        fields = ["q", "year", "paid"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)
