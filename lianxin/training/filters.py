import django_filters
from django.utils.translation import gettext_lazy as _

from lianxin.registers.models import PartyMember
from lianxin.training.choices import OrderStatus, SurveyStatus
from lianxin.training.models import Recipient, Survey, TrainingOrder


class SurveyFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(label=_("问卷"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=SurveyStatus.choices)

    class Meta:
        model = Survey
        fields = ["title", "year", "status"]


class RecipientFilter(django_filters.FilterSet):
    pending = django_filters.BooleanFilter(label=_("待填写"), field_name="answered_at", lookup_expr="isnull")

    class Meta:
        model = Recipient
        fields = ["survey", "pending"]


class OrderFilter(django_filters.FilterSet):
    topic = django_filters.CharFilter(label=_("主题"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=OrderStatus.choices)
    mine = django_filters.BooleanFilter(label=_("派给我的"), method="filter_mine")

    class Meta:
        model = TrainingOrder
        fields = ["topic", "status", "mine"]

    def filter_mine(self, queryset, name, value):
        user = self.request.user if self.request else None
        return queryset.filter(lecturer=user) if value else queryset.exclude(lecturer=user)


class HoursFilter(django_filters.FilterSet):
    """`year` is read by the view (it sets the sums); `name`: a member's name."""

    year = django_filters.NumberFilter(label=_("年度"), method="keep")
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="contains")

    class Meta:
        model = PartyMember
        fields = ["year", "name"]

    def keep(self, queryset, name, value):
        return queryset
