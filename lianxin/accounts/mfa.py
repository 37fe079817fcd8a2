"""The second factor (security.md item 4): a TOTP authenticator app plus ten one-time recovery
codes, kept by django-otp (`otp_totp`, `otp_static`) so no one-time-password code is ours.

Who must use it is a setting (`LIANXIN_MFA_ROLES`, `LIANXIN_MFA_ALL`); anyone who has enrolled
is asked for it. Enrolment, every verification (passed, failed, by recovery code), new recovery
codes and every reset are one audit event each, written in the same transaction as the change
(or the failure count) it records.
Failed codes are slowed down by django-otp's per-device throttling (1, 2, 4, 8 … seconds after
consecutive failures, kept across logins); the pages also count them in the django-axes lockout.
"""

from binascii import unhexlify
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from lianxin.accounts.models import User
from lianxin.accounts.roles import Action, Role
from lianxin.audit.models import AuditResult
from lianxin.audit.services import Actor, record
from lianxin.core import hotpath
from lianxin.core.permissions import require

RECOVERY_CODE_COUNT = 10
VERIFY, ENROL = "verify", "enrol"


# --- Who must use it ----------------------------------------------------------------------------


def configured_roles() -> frozenset[str]:
    """The roles named by LIANXIN_MFA_ROLES; an unknown name stops the server at start-up
    rather than quietly leaving a role without its second factor."""
    roles = frozenset(settings.LIANXIN_MFA_ROLES)
    unknown = roles - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(
            f"LIANXIN_MFA_ROLES names unknown roles {sorted(unknown)}; known: {', '.join(Role.values)}"
        )
    return roles


def required_for(user: User) -> bool:
    return settings.LIANXIN_MFA_ALL or bool(user.roles() & configured_roles())


def has_device(user: User) -> bool:
    """Asked on every request of a user whose session is not verified (most village users have
    no second factor): SQL written once (core/hotpath.py)."""
    return bool(hotpath.scalar(TOTPDevice, _HAS_DEVICE_SQL, [user.pk, True]))


_HAS_DEVICE_SQL = f"SELECT EXISTS (SELECT 1 FROM {TOTPDevice._meta.db_table} WHERE user_id = %s AND confirmed = %s)"


def pending_step(user) -> str | None:
    """What a logged-in user still owes before any page works: VERIFY (has a device, session
    not verified), ENROL (must have one and has none), or None."""
    if user.is_verified():
        return None
    if has_device(user):
        return VERIFY
    return ENROL if required_for(user) else None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


# --- Enrolment ----------------------------------------------------------------------------------


def new_key() -> str:
    """A fresh 20-byte secret (hex, django-otp's format) for an enrolment not yet confirmed."""
    return random_hex(20)


def config_url(user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key).config_url


def current_step(at: float | None = None) -> int:
    """The number of the 30-second step (the unit in which codes change) now, or at the Unix
    time `at`."""
    totp = TOTP(b"")
    if at is not None:
        totp.time = at
    return totp.t()


def code_for(key: str, step: int | None = None) -> str:
    """The 6 digits an authenticator holding `key` shows at time step `step` (now by default):
    for the demo's accounts (`demo_totp`), tests and the browser tests, never a real login."""
    return f"{hotp(unhexlify(key), current_step() if step is None else step):06d}"


def code_matches(key: str, code: str) -> int | None:
    """The time step whose code `code` is (this one, or one either side), or None."""
    totp = TOTP(unhexlify(key))
    if not (len(code) == totp.digits and code.isdigit()):
        return None
    return totp.t() if totp.verify(int(code), tolerance=1) else None


@transaction.atomic
def enrol(actor: Actor, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator holding `key` with a code it shows; replace any earlier
    device and recovery codes; return the new device and its recovery codes (shown once)."""
    _require_self(actor, user)
    step = code_matches(key, _clean(code))
    if step is None:
        raise ValidationError(_("验证码不正确，请核对手机时间后输入验证器上当前的6位数字"))
    replaced = _delete_devices(user)
    device = TOTPDevice.objects.create(user=user, name=_("手机验证器"), key=key, confirmed=True, last_t=step)
    codes = _new_recovery_codes(user)
    _record(actor, "accounts.mfa.enrol", user, after={"recovery_codes": len(codes), "replaced": bool(replaced)})
    return device, codes


@transaction.atomic
def renew_recovery_codes(actor: Actor, user: User) -> list[str]:
    """Ten new recovery codes for a verified user; the old ones stop working."""
    _require_self(actor, user)
    StaticDevice.objects.filter(user=user).delete()
    codes = _new_recovery_codes(user)
    _record(actor, "accounts.mfa.recovery_renew", user, after={"recovery_codes": len(codes)})
    return codes


def _require_self(actor: Actor, user: User) -> None:
    """A person enrols only their own phone (the demo loader and tests act as the system)."""
    if actor.user is not None and actor.user.pk != user.pk:
        raise PermissionDenied


def _new_recovery_codes(user: User) -> list[str]:
    device = StaticDevice.objects.create(user=user, name=_("恢复码"))
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _delete_devices(user: User) -> int:
    """Remove the user's authenticator and recovery-code devices; how many there were."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


# --- Verification -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Attempt:
    device: TOTPDevice | StaticDevice | None
    ok: bool
    wait_seconds: int = 0


def verify(actor: Actor, user: User, code: str) -> TOTPDevice | StaticDevice:
    """Check a 6-digit authenticator code or a recovery code (each recovery code works once).

    Returns the device that accepted it. A wrong code, or any code while the device is
    throttled, raises ValidationError with a Chinese message, after the failure has been
    counted and audited (those commit even though the caller sees an error)."""
    with transaction.atomic():
        attempt = _attempt(user, _clean(code))
        _record_attempt(actor, user, attempt)
    if attempt.wait_seconds:
        raise ValidationError(_("验证失败次数过多，请 %(s)d 秒后再试") % {"s": attempt.wait_seconds})
    if not attempt.ok:
        raise ValidationError(_("验证码或恢复码不正确"))
    return attempt.device


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()[:16]


def _attempt(user: User, code: str) -> _Attempt:
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return _Attempt(None, False)
    allowed, info = device.verify_is_allowed()
    if not allowed:
        remaining = (info.get("locked_until") or timezone.now()) - timezone.now()
        return _Attempt(device, False, max(1, int(remaining.total_seconds()) + 1))
    return _Attempt(device, device.verify_token(code))


def _record_attempt(actor: Actor, user: User, attempt: _Attempt) -> None:
    if not attempt.ok:
        after = {"throttled": bool(attempt.wait_seconds)}
        _record(actor, "accounts.mfa.verify_failed", user, after=after, result=AuditResult.FAILURE)
    elif isinstance(attempt.device, StaticDevice):
        _record(actor, "accounts.mfa.recovery_used", user, after={"remaining": recovery_codes_left(user)})
    else:
        _record(actor, "accounts.mfa.verify", user)


# --- Reset --------------------------------------------------------------------------------------


def can_reset(actor_user, user: User) -> bool:
    """A system administrator resets others' second factor, never its own nor an auditor's:
    those only `manage.py reset_mfa` on the server can reset (separation of powers)."""
    return actor_user.pk != user.pk and Role.AUDITOR not in user.roles()


@transaction.atomic
def reset(actor: Actor, user: User) -> int:
    """Remove the user's authenticator and recovery codes; the user enrols again at the next
    page they open. Returns how many devices were removed."""
    if actor.user is not None:
        require(actor, Action.USERS_MANAGE, _scope_code(user))
        if not can_reset(actor.user, user):
            raise PermissionDenied(_("不能重置本人或审计员的两步验证，请由运维人员在服务器上运行 reset_mfa 命令"))
    user = User.objects.select_for_update().get(pk=user.pk)
    removed = _delete_devices(user)
    if not removed:
        raise ValidationError(_("该用户尚未启用两步验证，无需重置"))
    _record(actor, "accounts.mfa.reset", user, before={"devices": removed})
    return removed


def _scope_code(user: User) -> str:
    org = user.home_org
    return org.scope_code if org else ""


def _record(actor: Actor, action: str, user: User, **fields) -> None:
    """One audit event about `user`'s second factor, filed under the user's own org."""
    record(actor, action, obj=user, org_code=_scope_code(user), **fields)
