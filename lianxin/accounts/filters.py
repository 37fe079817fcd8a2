import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action, Role


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("用户名/姓名/手机号"), method="filter_q")
    role = django_filters.ChoiceFilter(label=_("角色"), choices=Role.choices, method="filter_role")
    is_active = django_filters.BooleanFilter(label=_("启用"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def filter_q(self, queryset, name, value):
        # A mobile matches only in full: matching its beginning would spell out, digit by digit,
        # the number the list shows masked.
        value = value.strip()
        return queryset.filter(Q(username__icontains=value) | Q(name__contains=value) | Q(mobile=value))

    def filter_role(self, queryset, name, value):
        """Users holding the role inside the viewer's scope: a role held elsewhere stays unseen."""
        held = RoleAssignment.objects.restrict(self.request.user, Action.USERS_VIEW).filter(role=value)
        return queryset.filter(pk__in=held.values("user_id"))
