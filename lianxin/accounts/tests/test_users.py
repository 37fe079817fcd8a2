"""User management: separation of powers, scoped management, bulk import, the command."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lianxin.accounts import services
from lianxin.accounts.importer import EXAMPLE, HEADER
from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU, XIGUO
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db
USERS = reverse("accounts:user_list")


def xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("users.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("sysadmin", USERS, 200),
        ("sysadmin", "/audit/", 403),
        ("sysadmin", f"/orgs/{MENGZHOU}/units/new/", 403),
        ("auditor", "/audit/", 200),
        ("auditor", USERS, 403),
        ("auditor", f"/orgs/{MENGZHOU}/", 403),
        ("office", USERS, 403),
        ("township", USERS, 403),
        ("village", reverse("accounts:user_create"), 403),
        ("office", "/audit/", 403),
    ],
)
def test_separation_of_powers(login, users, role, url, status):
    assert login(users[role]).get(url).status_code == status


def test_sysadmin_lists_only_users_in_scope_with_masked_mobiles(login, users):
    body = login(users["sysadmin"]).get(USERS).content.decode()
    assert "township" in body and "office_boai" not in body
    assert "138****8000" in body and "13800138000" not in body


def test_export_masks_mobiles(login, users):
    response = login(users["sysadmin"]).get(USERS + "?export=xlsx&q=township")
    rows = table_rows(response.content)
    assert rows[0][:3] == ("用户名", "姓名", "手机号")
    assert rows[1][0] == "township" and rows[1][2] == "138****8000"


def test_create_user_through_the_page_is_audited(login, users):
    response = login(users["sysadmin"]).post(
        reverse("accounts:user_create"),
        {
            "username": "clerk",
            "name": "李四",
            "mobile": "13900000001",
            "role": "township",
            "org_code": XIGUO,
            "password": "Clerk@2023x",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    clerk = User.objects.get(username="clerk")
    assert not clerk.is_staff and not clerk.is_superuser  # mass assignment changes nothing
    assert clerk.scope_prefixes("orgs.view") == [XIGUO]
    assert AuditEvent.objects.filter(action="accounts.user.create", object_id=str(clerk.pk)).exists()


def test_create_user_outside_scope_is_refused_with_a_message(login, users):
    response = login(users["sysadmin"]).post(
        reverse("accounts:user_create"),
        {"username": "clerk", "name": "李四", "role": "township", "org_code": BOAI + "100", "password": "Clerk@2023x"},
    )
    assert "不在您的管理范围内" in response.content.decode()
    assert not User.objects.filter(username="clerk").exists()


def test_nobody_can_make_a_sysadmin_from_a_screen(login, users):
    response = login(users["sysadmin"]).post(
        reverse("accounts:user_create"),
        {"username": "boss", "name": "x", "role": "sysadmin", "org_code": MENGZHOU, "password": "Boss@2023xx"},
    )
    assert response.status_code == 200 and not User.objects.filter(username="boss").exists()
    with pytest.raises(PermissionDenied):
        services.assign_role(
            Actor(user=users["sysadmin"]), users["township"], Role.SYSADMIN, users["township"].home_org
        )


def test_grant_revoke_edit_reset(login, users):
    client = login(users["sysadmin"])
    url = reverse("accounts:user_detail", kwargs={"pk": users["township"].pk})
    assert client.post(url, {"op": "grant", "role": "village", "org_code": XIGUO + "201"}).status_code == 302
    assert users["township"].role_assignments.count() == 2
    assignment = users["township"].role_assignments.get(role="village")
    assert client.post(url, {"op": "revoke", "assignment": assignment.pk}).status_code == 302
    assert users["township"].role_assignments.count() == 1
    client.post(url, {"op": "edit", "name": "王五", "mobile": "", "is_active": ""})
    users["township"].refresh_from_db()
    assert users["township"].name == "王五" and not users["township"].is_active
    client.post(url, {"op": "reset", "password": "Reset@2023x"})
    users["township"].refresh_from_db()
    assert users["township"].check_password("Reset@2023x")
    actions = set(AuditEvent.objects.filter(object_id=str(users["township"].pk)).values_list("action", flat=True))
    assert {"accounts.role.grant", "accounts.role.revoke", "accounts.user.update", "accounts.password.reset"} <= actions


def test_granting_outside_scope_is_refused(login, users):
    url = reverse("accounts:user_detail", kwargs={"pk": users["township"].pk})
    response = login(users["sysadmin"]).post(url, {"op": "grant", "role": "village", "org_code": BOAI})
    assert "不在您的管理范围内" in response.content.decode()
    assert users["township"].role_assignments.count() == 1


def test_import_template_downloads(login, users):
    response = login(users["sysadmin"]).get(reverse("accounts:user_import") + "?template=1")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and list(rows[1]) == EXAMPLE


def test_import_all_valid_rows(login, users):
    rows = [
        ["c1", "甲", "13900000011", "乡镇(街道)", XIGUO, "Good@2023x"],
        ["c2", "乙", None, "村(社区)", XIGUO + "201", "Good@2023x"],
    ]
    response = login(users["sysadmin"]).post(reverse("accounts:user_import"), {"file": xlsx(rows)})
    assert response.status_code == 200 and str(response.context["report"]).startswith("导入完成：新增 2")
    assert User.objects.get(username="c2").scope_prefixes("orgs.view") == [XIGUO + "201"]


def test_import_with_one_bad_row_imports_nothing_and_names_each_error(login, users):
    rows = [["c1", "甲", "13900000011", "乡镇(街道)", XIGUO, "Good@2023x"]] * 1 + [
        ["c2", "乙", "1390000", "村(社区)", XIGUO + "201", "Good@2023x"],
        ["c3", "丙", None, "县长", BOAI, "weak"],
        ["c1", "丁", None, "党员", XIGUO, "Good@2023x"],
    ]
    response = login(users["sysadmin"]).post(reverse("accounts:user_import"), {"file": xlsx(rows)})
    body = response.content.decode()
    assert "第3行 手机号: 1390000 不是11位手机号码" in body
    assert "第4行 角色: 县长 无效" in body
    assert f"第4行 组织代码: {BOAI} 不存在或不在您的管理范围内" in body
    assert "第4行 初始密码" in body
    assert "第5行 用户名: c1 已存在" in body
    assert not User.objects.filter(username__in=["c1", "c2", "c3"]).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("users.xlsx", b"MZ\x90\x00" + b"\x00" * 200), "不是 Excel"),
        (SimpleUploadedFile("users.xlsx", b"PK\x03\x04" + b"\x00" * 200), "已损坏"),
        (None, "缺少列"),
    ],
)
def test_bad_uploads_get_clear_errors(login, users, upload, message):
    upload = upload or xlsx([["x"]], header=["用户名", "姓名"])
    response = login(users["sysadmin"]).post(reverse("accounts:user_import"), {"file": upload})
    assert message in response.content.decode()


def test_oversized_upload_is_refused(login, users, settings):
    settings.LIANXIN_MAX_UPLOAD_BYTES = 1024
    response = login(users["sysadmin"]).post(
        reverse("accounts:user_import"), {"file": SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * 4096)}
    )
    assert "文件过大" in response.content.decode()


def test_zip_bomb_is_refused(login, users):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/worksheets/sheet1.xml", "0" * (150 * 1024 * 1024))
    upload = SimpleUploadedFile("bomb.xlsx", buffer.getvalue())
    response = login(users["sysadmin"]).post(reverse("accounts:user_import"), {"file": upload})
    assert "疑似异常文件" in response.content.decode()


def test_add_user_command(db, capsys):
    call_command("add_user", "cmd_user", role="township", org=XIGUO, name="命令行", password="Cmd@2023xx")
    user = User.objects.get(username="cmd_user")
    assert user.scope_prefixes("orgs.view") == [XIGUO]
    call_command("add_user", "cmd_user", role="village", org=XIGUO + "201")
    assert user.role_assignments.count() == 2
    call_command("add_user", "generated", role="auditor", org=MENGZHOU)
    assert "初始密码" in capsys.readouterr().out
    with pytest.raises(CommandError, match="不存在"):
        call_command("add_user", "x", role="township", org="419999999")
    with pytest.raises(CommandError, match="至少"):
        call_command("add_user", "weakling", role="township", org=XIGUO, password="weakweak")
