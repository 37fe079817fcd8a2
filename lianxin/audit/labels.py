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
}


def action_label(code: str) -> str:
    label = audit_labels().get(RENAMED.get(code, code))
    return str(label) if label is not None else code
