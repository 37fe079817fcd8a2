"""Separation of powers (powers.py): one account, one power; nobody manages themselves;
auditor and administrator accounts only from the server. Every refusal is a Chinese message
and a failure event in the audit log."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lianxin.accounts import services
from lianxin.accounts.models import User
from lianxin.accounts.powers import powers_of
from lianxin.accounts.roles import Role
from lianxin.accounts.tests.test_users import xlsx
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, PASSWORD, XIGUO, make_user
from lianxin.orgs.demo import DEMO_USERS

pytestmark = pytest.mark.django_db


def detail(user) -> str:
    return reverse("accounts:user_detail", kwargs={"pk": user.pk})


def refusals(event: str, user=None):
    events = AuditEvent.objects.filter(action=event, result="failure")
    return events.filter(object_id=str(user.pk)) if user is not None else events


def test_the_administrator_cannot_grant_itself_the_audit_or_business_power(login, users):
    admin = users["sysadmin"]
    client = login(admin)
    for role in ("auditor", "office"):
        response = client.post(detail(admin), {"op": "grant", "role": role, "org_code": MENGZHOU}, follow=True)
        assert "不能在用户管理中修改本人账号" in response.content.decode()
    admin.refresh_from_db()
    assert User.objects.get(pk=admin.pk).roles() == {Role.SYSADMIN}
    assert refusals("accounts.user.grant_refused", admin).count() == 2
    assert client.get("/audit/").status_code == 403


def test_a_screen_cannot_grant_the_auditor_or_administrator_role(login, users):
    client = login(users["sysadmin"])
    for role in ("auditor", "sysadmin"):
        response = client.post(detail(users["township"]), {"op": "grant", "role": role, "org_code": XIGUO}, follow=True)
        assert "只能由运维人员在服务器上用命令授予" in response.content.decode()
    assert users["township"].role_assignments.count() == 1
    event = refusals("accounts.user.grant_refused", users["township"]).first()
    assert event.after["role"] == "sysadmin" and event.user == users["sysadmin"]


def test_the_role_list_offers_only_business_roles(login, users):
    body = login(users["sysadmin"]).get(detail(users["township"])).content.decode()
    assert 'value="township"' in body and 'value="auditor"' not in body and 'value="sysadmin"' not in body


@pytest.mark.parametrize(
    ("op", "data", "event"),
    [
        ("edit", {"name": "改名", "mobile": "", "is_active": ""}, "accounts.user.update_refused"),
        ("reset", {"password": "Reset@2023x"}, "accounts.user.reset_refused"),
        ("revoke", {}, "accounts.user.revoke_refused"),
    ],
)
def test_the_administrator_cannot_touch_an_auditor_account(login, users, op, data, event):
    auditor = users["auditor"]
    if op == "revoke":
        data = {"assignment": auditor.role_assignments.get().pk}
    response = login(users["sysadmin"]).post(detail(auditor), {"op": op, **data}, follow=True)
    assert "只能由运维人员在服务器上用命令管理" in response.content.decode()
    auditor.refresh_from_db()
    assert auditor.is_active and auditor.name == "auditor" and auditor.check_password(PASSWORD)
    assert auditor.roles() == {Role.AUDITOR}
    assert refusals(event, auditor).count() == 1


def test_buttons_are_hidden_where_they_would_be_refused(login, users):
    client = login(users["sysadmin"])
    for subject in (users["auditor"], users["sysadmin"]):
        body = client.get(detail(subject)).content.decode()
        assert 'value="reset"' not in body and 'value="edit"' not in body and 'value="grant"' not in body
        assert 'value="revoke"' not in body
    body = client.get(detail(users["township"])).content.decode()
    assert 'value="reset"' in body and 'value="edit"' in body and 'value="grant"' in body


def test_a_second_administrator_cannot_disable_the_first(login, users):
    second = make_user("admin2", Role.SYSADMIN, MENGZHOU)
    response = login(second).post(detail(users["sysadmin"]), {"op": "edit", "name": "x", "is_active": ""})
    assert response.status_code == 302
    users["sysadmin"].refresh_from_db()
    assert users["sysadmin"].is_active


def test_no_account_mixes_powers_even_from_the_server(users):
    with pytest.raises(CommandError, match="三权分立"):
        call_command("add_user", "auditor", role="office", org=MENGZHOU)
    with pytest.raises(CommandError, match="三权分立"):
        call_command("add_user", "township", role="sysadmin", org=MENGZHOU)
    assert users["auditor"].role_assignments.count() == 1 and users["township"].role_assignments.count() == 1
    assert refusals("accounts.user.grant_refused").count() == 2
    org = users["office"].home_org
    with pytest.raises(services.Refused):
        services.create_user(
            Actor.system("tests"),
            username="mixed",
            password=PASSWORD,
            assignments=[(Role.OFFICE, org), (Role.AUDITOR, org)],
        )
    assert not User.objects.filter(username="mixed").exists()


def test_the_server_manages_auditor_accounts(users, capsys):
    call_command("set_active", "auditor", "--off")
    users["auditor"].refresh_from_db()
    assert not users["auditor"].is_active
    call_command("set_active", "auditor", "--on")
    call_command("reset_password", "auditor")
    assert "新密码" in capsys.readouterr().out
    users["auditor"].refresh_from_db()
    assert users["auditor"].is_active and not users["auditor"].check_password(PASSWORD)
    events = AuditEvent.objects.filter(object_id=str(users["auditor"].pk)).values_list("action", "username")
    assert ("accounts.password.reset", "<reset_password>") in set(events)


def test_the_import_refuses_auditor_rows_and_records_them(login, users):
    rows = [
        ["c1", "甲", None, "乡镇(街道)", XIGUO, "Good@2023x"],
        ["c2", "乙", None, "审计员", XIGUO, "Good@2023x"],
    ]
    response = login(users["sysadmin"]).post(reverse("accounts:user_import"), {"file": xlsx(rows)})
    assert "第3行 角色: 系统管理员和审计员角色只能由运维人员在服务器上用命令授予" in response.content.decode()
    assert not User.objects.filter(username__in=["c1", "c2"]).exists()
    event = refusals("accounts.user.grant_refused").get()
    assert event.object_repr == "c2" and event.after["via"] == "import"


def test_the_create_page_refuses_an_auditor_with_a_message(login, users):
    response = login(users["sysadmin"]).post(
        reverse("accounts:user_create"),
        {"username": "aud2", "name": "x", "role": "auditor", "org_code": MENGZHOU, "password": "Audit@2023x"},
    )
    assert "只能由运维人员在服务器上用命令授予" in response.content.decode()
    assert not User.objects.filter(username="aud2").exists()
    assert refusals("accounts.user.grant_refused").get().object_repr == "aud2"


def test_the_demo_administrator_holds_one_power():
    roles_by_user = {}
    for username, _name, role, _code, _note in DEMO_USERS:
        roles_by_user.setdefault(username, set()).add(role)
    assert all(len(powers_of(roles)) == 1 for roles in roles_by_user.values())
    assert roles_by_user["admin"] == {Role.SYSADMIN}


def test_own_password_change_still_works_for_the_administrator(login, users):
    client = login(users["sysadmin"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Newer@2023pw", "new_password2": "Newer@2023pw"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=users["sysadmin"].pk).check_password("Newer@2023pw")
