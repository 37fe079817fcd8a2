"""Every change to an account goes through here: guard, change, audit event, one transaction.

Which account may hold which roles, and who may change which account, is decided by
powers.py (separation of powers). A refusal is raised as `Refused` inside the service's
transaction; `_audit_refusals` writes it to the audit log with result=failure once that
transaction has rolled back, so the attempt is on record although nothing of it happened.
"""

import functools
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.powers import grant_refusal, management_refusal
from lianxin.accounts.roles import Action
from lianxin.audit.models import AuditResult
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import require

USER_FIELDS = ("username", "name", "mobile", "is_active", "expires_on")


class Refused(PermissionDenied):
    """A change the separation of powers forbids; str() is the Chinese reason for the page."""

    def __init__(self, event: str, reason: str, *, target: User | None = None, org_code: str = "", **detail):
        super().__init__(reason)
        self.event, self.reason, self.target, self.org_code, self.detail = event, reason, target, org_code, detail


def _audit_refusals(fn):
    """Run `fn` in a transaction; a `Refused` from it is recorded after the rollback."""
    atomic = transaction.atomic(fn)

    @functools.wraps(fn)
    def run(actor: Actor, *args, **kwargs):
        try:
            return atomic(actor, *args, **kwargs)
        except Refused as exc:
            record(
                actor,
                exc.event,
                obj=exc.target,
                object_type="accounts.user",
                object_repr=exc.detail.get("username", ""),
                org_code=exc.org_code,
                after={"reason": exc.reason, **exc.detail},
                result=AuditResult.FAILURE,
            )
            raise

    return run


def _check_grant(actor: Actor, target: User | None, role: str, org, username: str = "", held=None) -> None:
    require(actor, Action.USERS_MANAGE, org.scope_code)
    reason = grant_refusal(actor.user, target, role, held)
    if reason:
        detail = {"role": role, "org": org.code} | ({"username": username} if username else {})
        raise Refused("accounts.user.grant_refused", reason, target=target, org_code=org.scope_code, **detail)


def _check_manage(actor: Actor, target: User, event: str) -> None:
    """Scope, then rules (b)–(d) of powers.py for changing `target`."""
    require(actor, Action.USERS_MANAGE, _user_scope(target))
    reason = management_refusal(actor.user, target)
    if reason:
        raise Refused(event, reason, target=target, org_code=_user_scope(target))


@_audit_refusals
def create_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    name: str = "",
    mobile: str | None = None,
    assignments: list[tuple[str, object]] = (),
    expires_on=None,
) -> User:
    for i, (role, org) in enumerate(assignments):
        _check_grant(actor, None, role, org, username, held=[r for r, _ in assignments[:i]])
    user = User(username=username, name=name, mobile=mobile or None, expires_on=expires_on)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record(actor, "accounts.user.create", obj=user, after=snapshot(user, USER_FIELDS), org_code=_org_code(assignments))
    for role, org in assignments:
        _add_assignment(actor, user, role, org)
    return user


def _org_code(assignments) -> str:
    return assignments[0][1].scope_code if assignments else ""


def _add_assignment(actor: Actor, user: User, role: str, org) -> RoleAssignment:
    assignment = RoleAssignment.objects.create(user=user, role=role, org=org)
    record(
        actor,
        "accounts.role.grant",
        obj=user,
        after={"role": role, "org": org.code},
        org_code=org.scope_code,
    )
    user.__dict__.pop("assignments", None)
    return assignment


def _locked(user: User) -> User:
    """The account row, locked, with its roles read afresh under the lock."""
    return User.objects.select_for_update().get(pk=user.pk)


@_audit_refusals
def assign_role(actor: Actor, user: User, role: str, org) -> RoleAssignment:
    user = _locked(user)
    _check_grant(actor, user, role, org)
    existing = RoleAssignment.objects.filter(user=user, role=role, org=org).first()
    return existing or _add_assignment(actor, user, role, org)


@_audit_refusals
def revoke_role(actor: Actor, assignment: RoleAssignment) -> None:
    user = _locked(assignment.user)
    require(actor, Action.USERS_MANAGE, assignment.org.scope_code)
    _check_manage(actor, user, "accounts.user.revoke_refused")
    record(
        actor,
        "accounts.role.revoke",
        obj=user,
        before={"role": assignment.role, "org": assignment.org.code},
        org_code=assignment.org.scope_code,
    )
    assignment.delete()


@_audit_refusals
def update_user(actor: Actor, user: User, *, name: str, mobile: str | None, is_active: bool, expires_on=None) -> User:
    user = _locked(user)
    _check_manage(actor, user, "accounts.user.update_refused")
    before = snapshot(user, USER_FIELDS)
    user.name, user.mobile, user.expires_on = name, mobile or None, expires_on
    _set_active_flag(user, is_active)
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "mobile", "is_active", "activated_at", "expires_on"])
    record(
        actor,
        "accounts.user.update",
        obj=user,
        before=before,
        after=snapshot(user, USER_FIELDS),
        org_code=_user_scope(user),
    )
    if not is_active:
        _delete_tokens(actor, user, "deactivated")
    return user


@_audit_refusals
def set_active(actor: Actor, user: User, active: bool) -> User:
    """Switch an account on or off (the `set_active` command); off also kills its API token."""
    user = _locked(user)
    _check_manage(actor, user, "accounts.user.update_refused")
    _switch(actor, user, active, "accounts.user.update")
    return user


def disable_inactive(actor: Actor, days: int) -> list[str]:
    """Switch off every active account unused for `days` days (`User.last_seen`); returns the
    usernames. Each account is re-checked under its row lock in its own transaction, so a
    second run, or a second host running at the same moment, switches nobody off twice."""
    cutoff = timezone.now() - timedelta(days=days)
    candidates = User.objects.filter(is_active=True).unused_since(cutoff)
    return [user.username for user in candidates if _disable_if_unused(actor, user, cutoff)]


@transaction.atomic
def _disable_if_unused(actor: Actor, user: User, cutoff) -> bool:
    user = _locked(user)
    if user.last_seen >= cutoff:
        return False
    return _switch(actor, user, False, "accounts.user.disable_inactive", last_seen=user.last_seen)


def _set_active_flag(user: User, active: bool) -> bool:
    """Set `is_active`; switching on restarts the inactivity clock. True when it changed."""
    changed = user.is_active != active
    if changed and active:
        user.activated_at = timezone.now()
    user.is_active = active
    return changed


def _switch(actor: Actor, user: User, active: bool, event: str, **detail) -> bool:
    """Switch a locked account on or off and record it (inside the caller's transaction)."""
    if not _set_active_flag(user, active):
        return False
    user.save(update_fields=["is_active", "activated_at"])
    after = {"is_active": active, **detail}
    record(actor, event, obj=user, before={"is_active": not active}, after=after, org_code=_user_scope(user))
    if not active:
        _delete_tokens(actor, user, "deactivated")
    return True


@_audit_refusals
def reset_password(actor: Actor, user: User, password: str) -> None:
    """An administrator (or `reset_password` at the command line) sets someone's password."""
    user = _locked(user)
    _check_manage(actor, user, "accounts.user.reset_refused")
    _store_password(actor, user, password, "accounts.password.reset")


@transaction.atomic
def change_own_password(actor: Actor, password: str) -> None:
    """A user changing their own password (the page has checked the old one)."""
    _store_password(actor, _locked(actor.user), password, "accounts.password.change")


def _store_password(actor: Actor, user: User, password: str, event: str) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, event, obj=user, org_code=_user_scope(user))
    _delete_tokens(actor, user, "password_changed")


@_audit_refusals
def revoke_tokens(actor: Actor, user: User) -> int:
    """The owner revokes their own API token, or someone allowed to change the account does."""
    if actor.user is None or actor.user.pk != user.pk:
        _check_manage(actor, user, "accounts.token.revoke_refused")
    return _delete_tokens(actor, user, "revoked")


def _delete_tokens(actor: Actor, user: User, reason: str) -> int:
    """Delete the user's API tokens, one audit event each (inside the caller's transaction)."""
    tokens = list(Token.objects.select_for_update().filter(user=user))
    for token in tokens:
        record(
            actor,
            "accounts.token.revoke",
            obj=user,
            before={"created": token.created},
            after={"reason": reason},
            org_code=_user_scope(user),
        )
        token.revoke_recorded = True  # signals.audit_token_deleted need not record it again
        token.delete()
    return len(tokens)


def generated_password() -> str:
    """A strong random password for the commands that print one (all four character classes)."""
    return secrets.token_urlsafe(9) + "a1A!"


def _user_scope(user: User) -> str:
    org = user.home_org
    return org.scope_code if org else ""
