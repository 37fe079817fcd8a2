"""Roles and what each may do. Fixed in code (style.md: no admin-editable permission rules).

Separation of powers (security.md item 5): `sysadmin` manages users but reads no audit log
and edits no business data; `auditor` only reads the audit log; business roles never manage
users. An action is a string `app.verb`; views and API endpoints name the action they need.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSADMIN = "sysadmin", _("系统管理员")
    AUDITOR = "auditor", _("审计员")
    OFFICE = "office", _("创建办/组织部")
    TASK_FORCE = "taskforce", _("专班")
    TOWNSHIP = "township", _("乡镇(街道)")
    VILLAGE = "village", _("村(社区)")
    MEMBER = "member", _("党员")


class Action:
    ORGS_VIEW = "orgs.view"
    ORGS_MANAGE_UNITS = "orgs.manage_units"
    USERS_VIEW = "accounts.view"
    USERS_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"


_BUSINESS_READ = {Action.ORGS_VIEW}

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.SYSADMIN: frozenset({Action.USERS_VIEW, Action.USERS_MANAGE, Action.ORGS_VIEW}),
    Role.AUDITOR: frozenset({Action.AUDIT_VIEW}),
    Role.OFFICE: frozenset(_BUSINESS_READ | {Action.ORGS_MANAGE_UNITS}),
    Role.TASK_FORCE: frozenset(_BUSINESS_READ),
    Role.TOWNSHIP: frozenset(_BUSINESS_READ),
    Role.VILLAGE: frozenset(_BUSINESS_READ),
    Role.MEMBER: frozenset(_BUSINESS_READ),
}

# Roles a user manager may hand out; sysadmin accounts are made only from the command line
# so that no screen can widen its own powers.
ASSIGNABLE_ROLES = [r for r in Role if r != Role.SYSADMIN]


def roles_with(action: str) -> set[str]:
    return {role for role, actions in ROLE_ACTIONS.items() if action in actions}
