"""The audit log: read by the auditor alone."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Action, Role
from lianxin.core.plugins import SYSTEM, AppPlugin, NavItem

PLUGIN = AppPlugin(
    actions={Action.AUDIT_VIEW: frozenset({Role.AUDITOR})},
    nav=(NavItem(_("审计日志"), "audit:event_list", "shield-check", Action.AUDIT_VIEW, SYSTEM),),
    api="lianxin.audit.api",
    workbench="lianxin.audit.workbench.cards",
)
