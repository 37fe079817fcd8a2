from datetime import timedelta

import django_filters
from axes.models import AccessAttempt
from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action, Role


class AccountState(models.TextChoices):
    """Accounts an administrator should look at (security.md item 23)."""

    UNUSED = "unused", _("长期未登录")
    EXPIRED = "expired", _("已过期")
    LOCKED = "locked", _("已锁定")


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("用户名/姓名/手机号"), method="filter_q")
    role = django_filters.ChoiceFilter(label=_("角色"), choices=Role.choices, method="filter_role")
    is_active = django_filters.BooleanFilter(label=_("启用"))
    state = django_filters.ChoiceFilter(label=_("账号状态"), choices=AccountState.choices, method="filter_state")

    class Meta:
        model = User
        fields = ["q", "role", "is_active", "state"]

    def filter_q(self, queryset, name, value):
        # A mobile matches only in full: matching its beginning would spell out, digit by digit,
        # the number the list shows masked.
        value = value.strip()
        return queryset.filter(Q(username__icontains=value) | Q(name__contains=value) | Q(mobile=value))

    def filter_role(self, queryset, name, value):
        """Users holding the role inside the viewer's scope: a role held elsewhere stays unseen."""
        held = RoleAssignment.objects.restrict(self.request.user, Action.USERS_VIEW).filter(role=value)
        return queryset.filter(pk__in=held.values("user_id"))

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == AccountState.UNUSED:
            days = settings.LIANXIN_INACTIVE_DAYS
            return queryset.unused_since(now - timedelta(days=days)) if days > 0 else queryset.none()
        if value == AccountState.EXPIRED:
            return queryset.expired()
        return queryset.filter(username__in=locked_usernames(now))


def locked_usernames(now):
    """Usernames django-axes is holding locked now: the lockout's number of failures within
    its cool-off period, summed over the addresses they came from."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    by_name = recent.values("username").annotate(failures=Sum("failures_since_start"))
    return by_name.filter(failures__gte=settings.AXES_FAILURE_LIMIT).values("username")
