"""The organisation tree: who may browse it and add task forces, the home page, its audit events."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Action, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem

PLUGIN = AppPlugin(
    actions={
        # The system administrator browses the tree to place users in it.
        Action.ORGS_VIEW: BUSINESS_ROLES | {Role.SYSADMIN},
        Action.ORGS_MANAGE_UNITS: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("首页"), "home", "house", None),
        NavItem(_("组织架构"), "orgs:browse", "diagram-3", Action.ORGS_VIEW),
    ),
    audit_labels={
        "orgs.division.import": Label("导入区划", "Import divisions"),
        "orgs.unit.create": Label("新增专班/责任单位/创建办", "Add task force / responsible unit / creation office"),
    },
    demo="lianxin.orgs.demo.load",
    api="lianxin.orgs.api",
)
