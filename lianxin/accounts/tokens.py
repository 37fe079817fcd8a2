"""API tokens (Django REST framework's `authtoken`, one per user) that die (security.md item 17).

A token is refused with 401 when it is older than LIANXIN_TOKEN_DAYS, when the password has
changed since it was made (whatever changed it: a page, `reset_password`, Django's own
`changepassword`), or when the account has expired. Resetting a password and deactivating an
account also delete the token outright (`revoke_tokens` in services.py, audited), so the
check here is the second line, not the only one.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


def expires_at(token):
    """When `token` stops working; None with LIANXIN_TOKEN_DAYS = 0 (tokens never expire)."""
    days = settings.LIANXIN_TOKEN_DAYS
    return token.created + timedelta(days=days) if days > 0 else None


def is_dead(token) -> bool:
    end = expires_at(token)
    changed = token.user.password_changed_at
    return (end is not None and end <= timezone.now()) or (changed is not None and token.created < changed)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if is_dead(token):
            raise AuthenticationFailed(_("接口令牌已过期或已失效，请重新申请"))
        if user.has_expired():
            raise AuthenticationFailed(_("账号已过有效期，请联系系统管理员"))
        return user, token
