"""Every change to an account goes through here: guard, change, audit event, one transaction."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action, Role
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import require

USER_FIELDS = ("username", "name", "mobile", "is_active")


def _check_assignment(actor: Actor, role: str, org) -> None:
    require(actor, Action.USERS_MANAGE, org.scope_code)
    # Only an operator at the command line creates system administrators (no self-promotion).
    if role == Role.SYSADMIN and actor.user is not None:
        raise PermissionDenied


@transaction.atomic
def create_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    name: str = "",
    mobile: str | None = None,
    assignments: list[tuple[str, object]] = (),
) -> User:
    for role, org in assignments:
        _check_assignment(actor, role, org)
    user = User(username=username, name=name, mobile=mobile or None)
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


@transaction.atomic
def assign_role(actor: Actor, user: User, role: str, org) -> RoleAssignment:
    _check_assignment(actor, role, org)
    existing = RoleAssignment.objects.filter(user=user, role=role, org=org).first()
    return existing or _add_assignment(actor, user, role, org)


@transaction.atomic
def revoke_role(actor: Actor, assignment: RoleAssignment) -> None:
    _check_assignment(actor, assignment.role, assignment.org)
    record(
        actor,
        "accounts.role.revoke",
        obj=assignment.user,
        before={"role": assignment.role, "org": assignment.org.code},
        org_code=assignment.org.scope_code,
    )
    assignment.delete()


@transaction.atomic
def update_user(actor: Actor, user: User, *, name: str, mobile: str | None, is_active: bool) -> User:
    require(actor, Action.USERS_MANAGE, _user_scope(user))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user, USER_FIELDS)
    user.name, user.mobile, user.is_active = name, mobile or None, is_active
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "mobile", "is_active"])
    record(
        actor,
        "accounts.user.update",
        obj=user,
        before=before,
        after=snapshot(user, USER_FIELDS),
        org_code=_user_scope(user),
    )
    return user


@transaction.atomic
def set_password(actor: Actor, user: User, password: str) -> None:
    """A user changing their own password, or an administrator resetting someone's."""
    if actor.user != user:
        require(actor, Action.USERS_MANAGE, _user_scope(user))
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    action = "accounts.password.change" if actor.user == user else "accounts.password.reset"
    record(actor, action, obj=user, org_code=_user_scope(user))


def _user_scope(user: User) -> str:
    org = user.home_org
    return org.scope_code if org else ""
