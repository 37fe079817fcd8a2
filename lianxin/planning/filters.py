"""List filters of planning. The workbench (workbench.py) counts with the same conditions
(`has_overdue_measures`, `has_pending_assessments`, `MEASURE_DUE`) that these filters apply, so a
card's count and the list it links to cannot disagree."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.filters import YearFilterSet, search_villages
from lianxin.planning.choices import PlanStatus, ReviewStatus
from lianxin.planning.models import CreationPlan, Measure, SelfAssessment

DUE_SOON_DAYS = 7


def has_overdue_measures(today) -> Exists:
    """A plan with an unfinished measure past its deadline."""
    return Exists(Measure.objects.overdue(today).filter(plan=OuterRef("pk")))


def has_pending_assessments() -> Exists:
    """A plan with a self-assessment the township has not confirmed yet."""
    return Exists(SelfAssessment.objects.filter(plan=OuterRef("pk"), review_status=ReviewStatus.PENDING))


def measure_due(which: str, today) -> Q:
    """Unfinished measures past their deadline ("overdue") or due within a week ("week")."""
    open_ = Q(completed_at__isnull=True)
    if which == "overdue":
        return open_ & Q(deadline__lt=today)
    return open_ & Q(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))


class PlanFilter(YearFilterSet):
    q = django_filters.CharFilter(label=_("村（社区）/乡镇"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices)
    target_level = django_filters.NumberFilter(label=_("目标星级"))
    overdue = django_filters.BooleanFilter(label=_("有逾期措施"), method="filter_overdue")
    assessment = django_filters.ChoiceFilter(
        label=_("自评"), choices=(("pending", _("有待确认的自评")),), method="filter_assessment"
    )

    class Meta:
        model = CreationPlan
        fields = ["q", "year", "status", "target_level", "overdue", "assessment"]

    def filter_q(self, queryset, name, value):
        return search_villages(queryset, value)

    def filter_overdue(self, queryset, name, value):
        condition = has_overdue_measures(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_assessment(self, queryset, name, value):
        return queryset.filter(has_pending_assessments())


class MeasureFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="plan__year")
    due = django_filters.ChoiceFilter(
        label=_("时间节点"),
        choices=(("week", _("7日内到期")), ("overdue", _("已逾期"))),
        method="filter_due",
    )

    class Meta:
        model = Measure
        fields = ["year", "due"]

    def filter_due(self, queryset, name, value):
        return queryset.filter(measure_due(value, timezone.localdate()))
