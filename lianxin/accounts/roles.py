"""Roles, and the core's own actions. Fixed in code (style.md: no admin-editable permission rules).

Separation of powers (security.md item 5): `sysadmin` manages users but reads no audit log
and edits no business data; `auditor` only reads the audit log; business roles never manage
users. Which roles one account may hold together, and who hands them out, is powers.py.
An action is a string `app.verb`; views and API endpoints name the action they need.
Which role holds which action is declared by each app in its `plugin.py` and collected by
`lianxin.core.plugins.role_actions()`.
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
    # A county department answering for matters handed to it (住建局, 农业农村局, ...).
    UNIT = "unit", _("责任单位")
    # A trainer who accepts and gives the trainings a county dispatches (派单/接单).
    LECTURER = "lecturer", _("讲师")


# The roles that do the programme's work (and may read its data within their scope).
BUSINESS_ROLES = frozenset(
    {Role.OFFICE, Role.TASK_FORCE, Role.TOWNSHIP, Role.VILLAGE, Role.MEMBER, Role.UNIT, Role.LECTURER}
)


class Action:
    """The core apps' actions (orgs, accounts, audit); each domain app has its own `Action`."""

    ORGS_VIEW = "orgs.view"
    ORGS_MANAGE_UNITS = "orgs.manage_units"
    USERS_VIEW = "accounts.view"
    USERS_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"
