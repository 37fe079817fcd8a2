"""Login by username or mobile, and the account's expiry date (security.md item 23).

An account past its `expires_on` cannot log in, and a session it already has ends at its next
request (`get_user`). The login page must say why, in Chinese, without the login view or form
knowing about expiry: once the password has proved right, `authenticate` raises a
ValidationError, which the login form shows as its error (Django's AuthenticationForm runs
`authenticate` inside `clean`). A wrong password for an expired account is an ordinary
failed login, so expiry reveals nothing to someone guessing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lianxin.audit.models import AuditResult
from lianxin.audit.services import Actor, record
from lianxin.core import hotpath
from lianxin.core.net import client_ip


def resolve_login(identifier: str | None) -> str | None:
    """A login name may be a username or a mobile number; return the username it names."""
    if not identifier:
        return identifier
    User = get_user_model()
    if identifier.isdigit() and len(identifier) == 11:
        username = User.objects.filter(mobile=identifier).values_list("username", flat=True).first()
        if username:
            return username
    return identifier


class UsernameOrMobileBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=resolve_login(username), password=password, **kwargs)
        if user is not None and user.has_expired():
            record(
                Actor(user=None, ip=client_ip(request) if request else "", label=f"login:{username}"[:150]),
                "accounts.user.login_expired",
                obj=user,
                after={"expires_on": user.expires_on},
                result=AuditResult.FAILURE,
            )
            message = _("该账号已于 %(date)s 到期，不能再登录。如需继续使用，请联系系统管理员延长有效期。")
            raise ValidationError(message % {"date": user.expires_on.isoformat()}, code="account_expired")
        return user

    def get_user(self, user_id):
        """The session's user, on every request: SQL written once (core/hotpath.py), then
        Django's check (inactive users cannot) and the expiry."""
        user = hotpath.get(get_user_model(), "id", user_id)
        if user is None or not self.user_can_authenticate(user) or user.has_expired():
            return None
        return user


def axes_username(request, credentials):
    """Lockout counts per account, whether the person typed the username or the mobile."""
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    return resolve_login(identifier)
