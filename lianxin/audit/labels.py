"""Names of audit events, for the auditor's pages and exports. Each app declares its events'
names in both languages in its plugin module; an event without one shows its code, so a
missing name hides nothing (and a test fails on any event the services write without one)."""

from lianxin.core.plugins import audit_labels

# Events written before event names followed `app.object.verb`. The chain is append-only, so
# old rows keep their old codes; they are shown under the new names' labels.
RENAMED = {
    "login": "accounts.session.login",
    "logout": "accounts.session.logout",
    "login_failed": "accounts.session.login_failed",
    "user.create": "accounts.user.create",
    "user.update": "accounts.user.update",
    "user.assign_role": "accounts.role.grant",
    "user.revoke_role": "accounts.role.revoke",
    "user.change_password": "accounts.password.change",
    "user.reset_password": "accounts.password.reset",
    "user.create_token": "accounts.token.create",
    "orgs.import_divisions": "orgs.division.import",
    "orgs.create_unit": "orgs.unit.create",
    "standards.create": "standards.standard.create",
    "standards.publish": "standards.standard.publish",
    "standards.delete": "standards.standard.delete",
    "standards.import": "standards.standard.import",
    # Households, members, links and cadres moved to the registers app, cadres' areas, guidance
    # visits, findings and weak branches to the guidance app (issue 8).
    "liaison.household.create": "registers.household.create",
    "liaison.household.update": "registers.household.update",
    "liaison.household.import": "registers.household.import",
    "liaison.member.create": "registers.member.create",
    "liaison.member.update": "registers.member.update",
    "liaison.member.import": "registers.member.import",
    "liaison.link.create": "registers.link.create",
    "liaison.link.delete": "registers.link.delete",
    "liaison.cadre.create": "registers.cadre.create",
    "liaison.area.assign": "guidance.area.assign",
    "liaison.area.remove": "guidance.area.remove",
    "liaison.guidance.create": "guidance.visit.create",
    "liaison.finding.open": "guidance.finding.open",
    "liaison.finding.rectify": "guidance.finding.rectify",
    "liaison.finding.confirm": "guidance.finding.confirm",
    "liaison.finding.return": "guidance.finding.return",
    "liaison.weak_branch.list": "guidance.weak_branch.list",
    "liaison.weak_branch.delist": "guidance.weak_branch.delist",
}


def action_label(code: str) -> str:
    label = audit_labels().get(RENAMED.get(code, code))
    return str(label) if label is not None else code
