import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.audit.models import AuditEvent, AuditResult
from lianxin.core.scope import prefix_q


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("用户名"), lookup_expr="icontains")
    action = django_filters.CharFilter(label=_("操作"), lookup_expr="startswith")
    result = django_filters.ChoiceFilter(label=_("结果"), choices=AuditResult.choices)
    org_code = django_filters.CharFilter(label=_("组织代码"), method="filter_org_code")
    since = django_filters.DateFilter(
        label=_("起始日期"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("截止日期"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["username", "action", "result", "org_code", "since", "until"]

    def filter_org_code(self, queryset, name, value):
        """Events at that org and everything under it: a code range, not LIKE."""
        value = value.strip()
        return queryset.filter(prefix_q(value, name)) if value.isdigit() else queryset.filter(**{name: value})
