"""List filters of the rating. The workbench (workbench.py) counts with the conditions these
filters apply (`has_pending_objection`, `publicity_ending`), so a card and its list agree."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.filters import YearFilterSet, search_villages
from lianxin.rating.choices import ApplicationKind, ApplicationStatus, ObjectionStatus, RatingStatus, StepKind
from lianxin.rating.models import Application, Objection, ProgressAward, Publicity, VillageRating

PUBLICITY_ENDING_DAYS = 3


def has_pending_objection() -> Exists:
    return Exists(Objection.objects.filter(application=OuterRef("pk"), status=ObjectionStatus.PENDING))


def publicity_ending(today) -> Q:
    """Under publicity whose period ends within PUBLICITY_ENDING_DAYS days (today included)."""
    end = today + timedelta(days=PUBLICITY_ENDING_DAYS)
    ending = Publicity.objects.filter(end_date__gte=today, end_date__lte=end)
    return Q(status=ApplicationStatus.PUBLICITY, publicity__in=ending)


class ApplicationFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ApplicationKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ApplicationStatus.choices)
    step_kind = django_filters.ChoiceFilter(label=_("当前环节"), choices=StepKind.choices)
    attention = django_filters.ChoiceFilter(
        label=_("需关注"),
        choices=(("objection", _("有待处理异议")), ("ending", _("公示即将结束"))),
        method="filter_attention",
    )

    class Meta:
        model = Application
        fields = ["q", "year", "kind", "status", "step_kind", "attention"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)

    def filter_attention(self, queryset, name, value):
        if value == "objection":
            return queryset.filter(has_pending_objection())
        return queryset.filter(publicity_ending(timezone.localdate()))


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
