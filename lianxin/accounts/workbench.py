"""The system administrator's workbench (工作台): accounts to look at — locked by failed logins,
unused for LIANXIN_INACTIVE_DAYS, past their expiry date but still enabled (security.md item
23). One query on `restrict(user, accounts.view)`, with the conditions of the user list's
`state` filter (filters.py), which the cards open."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.accounts.filters import AccountState, locked_usernames
from lianxin.accounts.models import User, unused_since
from lianxin.accounts.roles import Action
from lianxin.core.plugins import Card


def cards(user, today) -> list[Card]:
    if not user.can(Action.USERS_VIEW):
        return []
    now, days = timezone.now(), settings.LIANXIN_INACTIVE_DAYS
    states = {
        AccountState.LOCKED: Q(username__in=locked_usernames(now)),
        AccountState.UNUSED: Q(is_active=True) & unused_since(now - timedelta(days=days)) if days > 0 else Q(pk__in=[]),
        AccountState.EXPIRED: Q(is_active=True, expires_on__lt=today),
    }
    counts = User.objects.restrict(user, Action.USERS_VIEW).aggregate(
        **{state: Count("pk", filter=condition) for state, condition in states.items()}
    )
    details = {
        AccountState.LOCKED: _("连续登录失败被锁定，冷却期后自动解锁"),
        AccountState.UNUSED: _("%(days)d 天未登录，仍为启用状态") % {"days": days},
        AccountState.EXPIRED: _("过了有效期，仍为启用状态"),
    }
    return [
        Card(
            _("%(state)s的账号") % {"state": state.label},
            counts[state],
            f"{reverse('accounts:user_list')}?{urlencode(query(state))}",
            "danger" if counts[state] and state == AccountState.LOCKED else "warn" if counts[state] else "info",
            details[state],
            _("账号管理"),
        )
        for state in states
    ]


def query(state: str) -> dict:
    """The user list's filter for the card: the enabled accounts in that state, but for locked
    ones (a lockout holds whether or not the account is enabled)."""
    return {"state": state} if state == AccountState.LOCKED else {"state": state, "is_active": "true"}
