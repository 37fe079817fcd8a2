"""Separation of powers (三权分立, security.md item 5): which roles one account may hold, and
who may change which account. The rule lives here and nowhere else: the services, the
`add_user` and `set_active` commands, the Excel user import and the buttons on the user page
all ask these functions, so a screen never offers what a service would refuse.

Every role belongs to exactly one of three powers:
- system administration (`sysadmin`): manages business accounts; reads no audit log and
  edits no business data;
- audit (`auditor`): reads the audit log and nothing else;
- business (every other role): the work itself, within the role's org scope.

The rules:
(a) One account, one power. All roles of an account belong to the same power; a grant that
    would mix powers is refused whoever asks, an operator at the command line included.
(b) Nobody changes their own account through user management: not its roles, not whether it
    is active, not its details, not its password (one's own password goes through 修改密码,
    which asks for the old one). Otherwise an administrator could grant itself anything.
(c) Auditor accounts are made and changed only by an operator on the server (`add_user`,
    `set_active`, `reset_password`): a web administrator can neither grant the auditor role
    nor edit, deactivate, reset or re-role an auditor account, so the person whose actions
    are audited cannot silence the auditor.
(d) System-administrator accounts likewise, from the command line only: no screen widens or
    removes an administrator's powers.
So a screen manages business accounts only; an account with no role yet counts as one.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.accounts.roles import Role


class Power(models.TextChoices):
    SYSTEM = "system", gettext_lazy("系统管理")
    AUDIT = "audit", gettext_lazy("安全审计")
    BUSINESS = "business", gettext_lazy("业务")


_POWER_OF_ROLE = {Role.SYSADMIN: Power.SYSTEM, Role.AUDITOR: Power.AUDIT}

# Roles a screen may hand out: the business roles (rules c and d).
SCREEN_ROLES = [r for r in Role if r not in _POWER_OF_ROLE]


def power_of(role: str) -> Power:
    return _POWER_OF_ROLE.get(role, Power.BUSINESS)


def powers_of(roles) -> set[Power]:
    return {power_of(r) for r in roles}


def mixing_refusal(held_roles, role: str) -> str | None:
    """Rule (a): why `role` may not join `held_roles` on one account, or None."""
    held = powers_of(held_roles)
    if not held or held == {power_of(role)}:
        return None
    message = _(
        "三权分立：系统管理员、审计员、业务角色不能由同一账号兼任。该账号已是%(held)s账号，不能再授予“%(role)s”。"
    )
    return message % {"held": "、".join(str(p.label) for p in sorted(held)), "role": Role(role).label}


def management_refusal(actor_user, target) -> str | None:
    """Rules (b)–(d): why `actor_user` may not change `target` from a screen, or None. An
    operator at the command line (no user) may change any account."""
    if actor_user is None:
        return None
    if target.pk == actor_user.pk:
        return _("不能在用户管理中修改本人账号（角色、启用状态、信息、密码）。修改本人密码请使用“修改密码”。")
    if powers_of(target.roles()) - {Power.BUSINESS}:
        return _("系统管理员和审计员账号只能由运维人员在服务器上用命令管理，不能在页面上修改。")
    return None


def grant_refusal(actor_user, target, role: str, held=None) -> str | None:
    """Why `actor_user` may not give `role` to `target` (None: an account being made), or
    None. `held`: the roles the account holds besides (default: the target's roles)."""
    if actor_user is not None:
        if power_of(role) != Power.BUSINESS:
            return _("系统管理员和审计员角色只能由运维人员在服务器上用命令授予。")
        if target is not None and (reason := management_refusal(actor_user, target)):
            return reason
    if held is None:
        held = target.roles() if target is not None else ()
    return mixing_refusal(held, role)


def can_manage(actor_user, target) -> bool:
    """For the buttons on the user page: True when `actor_user` may change `target` at all."""
    return management_refusal(actor_user, target) is None
