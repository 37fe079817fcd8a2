import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.rating.choices import ApplicationKind, ApplicationStatus, RatingStatus, StepKind
from lianxin.rating.forms import year_choices
from lianxin.rating.models import Application, ProgressAward, VillageRating


def _village_q(queryset, value):
    value = value.strip()
    return queryset.filter(
        Q(org__short_name__contains=value)
        | Q(org__parent__short_name__contains=value)
        | Q(org__initials__contains=value.lower())
    )


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    year = django_filters.TypedChoiceFilter(label=_("年度"), choices=year_choices, coerce=int)
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ApplicationKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ApplicationStatus.choices)
    step_kind = django_filters.ChoiceFilter(label=_("当前环节"), choices=StepKind.choices)

    class Meta:
        model = Application
        fields = ["q", "year", "kind", "status", "step_kind"]

    def filter_q(self, queryset, name, value):
        return _village_q(queryset, value)


class RatingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    year = django_filters.TypedChoiceFilter(label=_("年度"), choices=year_choices, coerce=int)
    level = django_filters.NumberFilter(label=_("星级"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=RatingStatus.choices)

    class Meta:
        model = VillageRating
        fields = ["q", "year", "level", "status"]

    def filter_q(self, queryset, name, value):
        return _village_q(queryset, value)


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    year = django_filters.TypedChoiceFilter(label=_("年度"), choices=year_choices, coerce=int)
    paid = django_filters.BooleanFilter(label=_("已拨付"), field_name="paid_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = ProgressAward
        fields = ["q", "year", "paid"]

    def filter_q(self, queryset, name, value):
        return _village_q(queryset, value)
