"""Accounts: user management is the system administrator's alone (separation of powers)."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Action, Role
from lianxin.core.plugins import SYSTEM, AppPlugin, Label, NavItem

PLUGIN = AppPlugin(
    actions={
        Action.USERS_VIEW: frozenset({Role.SYSADMIN}),
        Action.USERS_MANAGE: frozenset({Role.SYSADMIN}),
    },
    nav=(NavItem(_("用户管理"), "accounts:user_list", "people", Action.USERS_VIEW, SYSTEM),),
    audit_labels={
        "accounts.session.login": Label("登录", "Log in"),
        "accounts.session.logout": Label("退出登录", "Log out"),
        "accounts.session.login_failed": Label("登录失败", "Login failed"),
        "accounts.user.create": Label("新建用户", "Create user"),
        "accounts.user.update": Label("修改用户", "Edit user"),
        "accounts.role.grant": Label("授予角色", "Grant role"),
        "accounts.role.revoke": Label("撤销角色", "Revoke role"),
        "accounts.password.change": Label("修改本人密码", "Change own password"),
        "accounts.password.reset": Label("重置密码", "Reset password"),
        "accounts.token.create": Label("生成接口令牌", "Generate API token"),
    },
    public_routes={"accounts:login": "the login page itself"},
)
