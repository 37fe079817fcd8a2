import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import prefix_q
from lianxin.notices.choices import ReceiptStatus
from lianxin.notices.models import Notice, NoticeReceipt, NoticeUnit
from lianxin.notices.services import STATUS_Q


class NoticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("标题"), field_name="title", lookup_expr="icontains")
    sent_after = django_filters.DateFilter(label=_("发送日期起"), field_name="sent_at__date", lookup_expr="gte")

    class Meta:
        model = Notice
        fields = ["q", "sent_after"]


class UnitFilter(django_filters.FilterSet):
    """A notice's receiving units by state, by area (a township's code) or by name."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReceiptStatus.choices, method="filter_status")
    place = django_filters.CharFilter(label=_("乡镇/村代码"), method="filter_place")
    q = django_filters.CharFilter(label=_("单位名称"), method="filter_q")

    class Meta:
        model = NoticeUnit
        fields = ["status", "place", "q"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(STATUS_Q[value])

    def filter_place(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(prefix_q(value, "org__code")) if value.isdigit() else queryset.none()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(org__short_name__contains=value) | Q(org__parent__short_name__contains=value))


class InboxFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReceiptStatus.choices, method="filter_status")
    q = django_filters.CharFilter(label=_("标题"), field_name="notice__title", lookup_expr="icontains")

    class Meta:
        model = NoticeReceipt
        fields = ["status", "q"]

    def filter_status(self, queryset, name, value):
        if value in (ReceiptStatus.UNREAD, ReceiptStatus.READ):
            return queryset.filter(STATUS_Q[value])
        replied = Q(unit__replied_at__isnull=False)
        due = ~Q(notice__reply="none") & ~replied
        return queryset.filter(due if value == ReceiptStatus.REPLY_DUE else replied)
