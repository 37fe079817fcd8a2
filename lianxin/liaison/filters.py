import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.liaison.choices import Category, Level, MatterStatus, VisitWay
from lianxin.liaison.models import Consultation, Matter, Visit
from lianxin.registers.filters import PlaceFilterSet


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


class ConsultationFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("议题"), method="filter_q")
    since = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    search_fields = ("topic", "decisions")

    class Meta:
        model = Consultation
        fields = ["q", "place", "since"]
