from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Role
from lianxin.core import hotpath
from lianxin.core.personal import MOBILE, mobile_validator
from lianxin.core.plugins import role_actions
from lianxin.core.scope import ScopedManager, collapse_prefixes


def unused_since(cutoff) -> models.Q:
    """Not used since `cutoff`: no login, no creation and no re-enabling after it (see
    `User.last_seen`)."""
    before = models.Q(date_joined__lt=cutoff)
    for field in ("last_login", "activated_at"):
        before &= models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__lt": cutoff})
    return before


class UserQuerySet(models.QuerySet):
    def restrict(self, user, action: str):
        """Users holding at least one role inside the caller's scope for `action`."""
        in_scope = RoleAssignment.objects.restrict(user, action).values("user_id")
        return self.filter(pk__in=in_scope)

    def unused_since(self, cutoff):
        return self.filter(unused_since(cutoff))

    def expired(self, today=None):
        return self.filter(expires_on__lt=today or timezone.localdate())


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who logs in. What they may see is the union of their role assignments."""

    objects = ScopedUserManager()

    name = models.CharField(_("姓名"), max_length=50, blank=True)
    mobile = models.CharField(
        _("手机号"), max_length=11, unique=True, null=True, blank=True, validators=[mobile_validator]
    )
    personal_fields = {"mobile": MOBILE}  # masked on every path out (core/personal.py)

    # Account lifecycle (security.md item 23).
    expires_on = models.DateField(
        _("账号有效期至"), null=True, blank=True, help_text=_("过了这一天账号不能再登录；留空为长期有效")
    )
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)
    activated_at = models.DateTimeField(_("最近启用时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self):
        return self.name or self.username

    def save(self, *args, **kwargs):
        # `_password` is set by set_password() until the next save, on every path that sets a
        # password (services, `changepassword`, `createsuperuser`); Django's rehash on login
        # clears it before saving, so an upgraded hash is not a new password.
        if self._password is not None:
            self.password_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "password_changed_at"}
        super().save(*args, **kwargs)

    def has_expired(self, today=None) -> bool:
        """Past its expiry date: the account is valid through `expires_on` itself."""
        return self.expires_on is not None and self.expires_on < (today or timezone.localdate())

    @property
    def last_seen(self):
        """When the account was last used: its last login, its creation, or its re-enabling,
        whichever is latest (re-enabling restarts the clock of `disable_inactive`)."""
        return max(t for t in (self.last_login, self.date_joined, self.activated_at) if t is not None)

    def password_too_old(self) -> bool:
        """Older than LIANXIN_PASSWORD_MAX_DAYS (0: no password age policy)."""
        days = settings.LIANXIN_PASSWORD_MAX_DAYS
        changed = self.password_changed_at or self.date_joined
        return days > 0 and changed < timezone.now() - timedelta(days=days)

    @cached_property
    def assignments(self) -> list["RoleAssignment"]:
        """The roles, each with its org and the org's parent (a unit's scope is its parent's
        code): read on every request, so as SQL written once (core/hotpath.py)."""
        return [_assignment(row) for row in hotpath.rows(RoleAssignment, _assignments_sql(), [self.pk])]

    def roles(self) -> set[str]:
        return {a.role for a in self.assignments}

    def can(self, action: str) -> bool:
        return self.is_active and any(action in role_actions().get(a.role, ()) for a in self.assignments)

    def scope_prefixes(self, action: str) -> list[str]:
        """Division-code prefixes in which this user may perform `action`."""
        if not self.is_active:
            return []
        return collapse_prefixes(a.org.scope_code for a in self.assignments if action in role_actions().get(a.role, ()))

    @property
    def home_org(self):
        """The org whose overview the home page shows: the widest business assignment."""
        business = [a.org for a in self.assignments if a.role not in (Role.SYSADMIN, Role.AUDITOR)]
        orgs = business or [a.org for a in self.assignments]
        return min(orgs, key=lambda o: (len(o.scope_code), o.code)) if orgs else None


class RoleAssignment(models.Model):
    """One (role, org) pair held by a user."""

    user = models.ForeignKey(User, verbose_name=_("用户"), related_name="role_assignments", on_delete=models.CASCADE)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    org = models.ForeignKey(
        "orgs.Org", verbose_name=_("所在组织"), related_name="role_assignments", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    scope_field = "org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org"],
                name="unique_role_assignment",
                violation_error_message=_("该用户在此组织已有这个角色"),
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} @ {self.org}"


_ASSIGNMENT_FIELDS = ("id", "user_id", "role", "org_id")
# Everything of an org a page shows or a scope needs; `created_at` is left to be read if used.
_ORG_FIELDS = ("id", "code", "name", "short_name", "initials", "kind", "level", "parent_id", "grassroots")


@cache
def _assignments_sql() -> str:
    Org = _org_model()
    return (
        f"SELECT {hotpath.select(RoleAssignment, 'r', _ASSIGNMENT_FIELDS)},"
        f" {hotpath.select(Org, 'o', _ORG_FIELDS)}, {hotpath.select(Org, 'p', _ORG_FIELDS)}"
        f" FROM {RoleAssignment._meta.db_table} r"
        f" JOIN {Org._meta.db_table} o ON o.id = r.org_id"
        f" LEFT JOIN {Org._meta.db_table} p ON p.id = o.parent_id"
        " WHERE r.user_id = %s ORDER BY r.id"
    )


def _org_model():
    return RoleAssignment._meta.get_field("org").related_model


def _assignment(row) -> RoleAssignment:
    Org = _org_model()
    a, o = len(_ASSIGNMENT_FIELDS), len(_ORG_FIELDS)
    assignment = hotpath.instance(RoleAssignment, _ASSIGNMENT_FIELDS, row[:a])
    assignment.org = hotpath.instance(Org, _ORG_FIELDS, row[a : a + o])
    assignment.org.parent = hotpath.instance(Org, _ORG_FIELDS, row[a + o :]) if row[a + o] is not None else None
    return assignment
