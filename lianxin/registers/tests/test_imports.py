"""Excel imports of households and members (security.md item 18): all rows or none, errors by
row and by the column's Chinese header, and an upsert by natural key — importing the same file
again changes nothing and says 未变, a changed row is updated."""

import io

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lianxin.audit.models import AuditEvent
from lianxin.core.excel import workbook_bytes
from lianxin.registers import importer
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.tests import factories as f

pytestmark = pytest.mark.django_db

FIELD_NAMES = {field.name for model in (Household, PartyMember) for field in model._meta.fields} | {NON_FIELD_ERRORS}


def xlsx_upload(header, rows):
    return SimpleUploadedFile("data.xlsx", workbook_bytes([("Sheet1", header, rows)]))


HOUSEHOLDS = [
    [f.XIGUO_VILLAGE, "001", "张三", "", 3, "一组", "", "13800138000", "低保户"],
    [f.XIGUO_VILLAGE, "002", "李四", "11010519491231002x", 2, "二组", "西虢村2组", "", "独居老人，军属", "2024-03-01"],
]
MEMBERS = [
    [f.XIGUO_VILLAGE, "张党员", "男", "1980-01-02", "2005-07-01", "书记", "13900139001", ""],
    [f.XIGUO_VILLAGE, "李党员", "女", "1995/3/4", "", "", "", "11010519491231002X", "2024/3/1"],
]


def post(client, kind, header, rows):
    return client.post(reverse(f"registers:{kind}_import"), {"file": xlsx_upload(header, rows)}, follow=True)


def message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def report(response) -> str:
    return str(response.context["report"])


def assert_no_internal_names(errors):
    for error in errors:
        assert not any(name in error for name in FIELD_NAMES if name.isascii() and len(name) > 2), error


@pytest.mark.parametrize(
    ("kind", "header", "rows", "model"),
    [
        ("household", importer.HOUSEHOLDS.header, HOUSEHOLDS, Household),
        ("member", importer.MEMBERS.header, MEMBERS, PartyMember),
    ],
)
def test_importing_the_same_file_again_changes_nothing_and_says_so(login, users, kind, header, rows, model):
    client = login(users["township"])
    first = post(client, kind, header, rows)
    assert "新增 2，更新 0，未变 0" in report(first)
    saved = list(model.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    again = post(client, kind, header, rows)
    assert "row_errors" not in again.context, again.context.get("row_errors")
    assert "新增 0，更新 0，未变 2" in report(again)
    assert list(model.objects.order_by("pk").values()) == saved
    assert AuditEvent.objects.count() == events  # nothing changed, nothing to record


def test_a_changed_cell_updates_that_household_only(login, users):
    client = login(users["township"])
    post(client, "household", importer.HOUSEHOLDS.header, HOUSEHOLDS)
    untouched = Household.objects.get(number="002")
    changed = [HOUSEHOLDS[0][:4] + [5] + HOUSEHOLDS[0][5:], HOUSEHOLDS[1]]
    response = post(client, "household", importer.HOUSEHOLDS.header, changed)
    assert "新增 0，更新 1，未变 1" in report(response)
    assert Household.objects.get(number="001").size == 5
    assert Household.objects.get(number="002").created_at == untouched.created_at
    event = AuditEvent.objects.filter(action="registers.household.import").latest("pk")
    assert event.after == {"created": 0, "updated": 1, "unchanged": 1, "consents": 0, "villages": [f.XIGUO_VILLAGE]}


def test_an_import_updates_rows_made_by_hand(login, users):
    f.household(number="001", head_name="旧户主")
    response = post(login(users["township"]), "household", importer.HOUSEHOLDS.header, HOUSEHOLDS)
    assert "新增 1，更新 1，未变 0" in report(response)
    assert Household.objects.get(number="001").head_name == "张三"


def test_bad_rows_change_nothing_and_are_named_by_row_and_chinese_column(login, users):
    upload = [
        HOUSEHOLDS[0],
        [f.XIGUO_VILLAGE, "002", "李四", "110105194912310021", "x", "", "", "123", ""],
        [f.XIGUO_VILLAGE, "003", "王五", "110105194912310021", 3, "", "", "123", ""],
        [f.DADING_VILLAGE, "004", "赵六", "", 2, "", "", "", ""],
        [f.XIGUO_VILLAGE, "001", "重复", "", 2, "", "", "", ""],
    ]
    response = post(login(users["township"]), "household", importer.HOUSEHOLDS.header, upload)
    errors = response.context["row_errors"]
    assert any(e.startswith("第3行 家庭人口") for e in errors)
    assert any(e.startswith("第4行 户主身份证号") and "校验位" in e for e in errors)
    assert any(e.startswith("第4行 联系电话") for e in errors)
    assert any(e.startswith("第5行 村代码") for e in errors)
    assert any(e.startswith("第6行") and "重复" in e for e in errors)
    assert_no_internal_names(errors)
    assert not Household.objects.exists()


def test_bad_member_rows_are_named_by_chinese_column(login, users):
    upload = [
        [f.XIGUO_VILLAGE, "张党员", "男", "1980-01-02", "", "", "123", ""],
        [f.XIGUO_VILLAGE, "李党员", "未知", "1995-03-04", "", "", "", ""],
        [f.XIGUO_VILLAGE, "王党员", "女", "", "", "", "", ""],
    ]
    errors = post(login(users["township"]), "member", importer.MEMBERS.header, upload).context["row_errors"]
    assert [e.split(":")[0] for e in errors] == ["第2行 手机号", "第3行 性别", "第4行 出生日期"]
    assert not PartyMember.objects.exists()


def test_a_rule_over_several_fields_is_named_by_the_key_columns():
    assert importer.HOUSEHOLDS.column(NON_FIELD_ERRORS) == "村代码、户号"
    assert importer.MEMBERS.column(NON_FIELD_ERRORS) == "村代码、姓名、出生日期"
    assert importer.HOUSEHOLDS.column("head_id_number") == "户主身份证号"


def test_template_download(login, users):
    client = login(users["township"])
    response = client.get(reverse("registers:household_import") + "?template=1")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(importer.HOUSEHOLDS.header)


def test_an_empty_file_is_refused(login, users):
    response = post(login(users["township"]), "member", importer.MEMBERS.header, [])
    assert response.context["row_errors"] == ["文件中没有数据行"]
