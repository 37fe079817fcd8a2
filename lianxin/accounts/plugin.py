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
        "accounts.token.revoke": Label("撤销接口令牌", "Revoke API token"),
        "accounts.token.revoke_refused": Label("撤销接口令牌被拒绝", "API token revocation refused"),
        "accounts.user.grant_refused": Label("授予角色被拒绝（三权分立）", "Role grant refused (powers)"),
        "accounts.user.revoke_refused": Label("撤销角色被拒绝（三权分立）", "Role revocation refused (powers)"),
        "accounts.user.update_refused": Label("修改用户被拒绝（三权分立）", "User change refused (powers)"),
        "accounts.user.reset_refused": Label("重置密码被拒绝（三权分立）", "Password reset refused (powers)"),
        "accounts.user.disable_inactive": Label("停用长期未登录账号", "Disable long-inactive account"),
        "accounts.user.login_expired": Label("过期账号登录被拒绝", "Login of expired account refused"),
        "accounts.mfa.enrol": Label("绑定两步验证", "Enrol second factor"),
        "accounts.mfa.verify": Label("两步验证通过", "Second factor verified"),
        "accounts.mfa.verify_failed": Label("两步验证失败", "Second factor failed"),
        "accounts.mfa.recovery_used": Label("使用恢复码登录", "Recovery code used"),
        "accounts.mfa.recovery_renew": Label("重新生成恢复码", "Recovery codes renewed"),
        "accounts.mfa.reset": Label("重置两步验证", "Second factor reset"),
    },
    public_routes={"accounts:login": "the login page itself"},
    workbench="lianxin.accounts.workbench.cards",
)
