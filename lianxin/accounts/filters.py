import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import User
from lianxin.accounts.roles import Role


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("用户名/姓名/手机号"), method="filter_q")
    role = django_filters.ChoiceFilter(
        label=_("角色"), choices=Role.choices, field_name="role_assignments__role", distinct=True
    )
    is_active = django_filters.BooleanFilter(label=_("启用"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(username__icontains=value) | Q(name__contains=value) | Q(mobile__startswith=value))
