"""Standards: the shipped sample, Excel round trip and import errors, copy, publish, delete
guard, audited edits, and who may read which standard."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU
from lianxin.orgs.models import Org
from lianxin.standards import excel, services
from lianxin.standards.choices import StandardStatus, Star
from lianxin.standards.models import Standard, WorkItem

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def test_sample_has_five_stars_and_29_key_tasks(plans):
    standard = plans["standard"]
    assert standard.is_sample and standard.is_published
    assert standard.key_tasks.count() == 29
    assert set(standard.key_tasks.values_list("star", flat=True)) == set(Star.values)
    assert WorkItem.objects.filter(key_task__standard=standard).count() >= 29 * 2
    income = standard.key_tasks.get(title="村集体经济收入")
    assert income.indicator == "≥ 10 万元"


def test_export_then_import_round_trips(plans):
    source = plans["standard"]
    data = excel.export_standard(source)
    tasks = excel.parse_standard(data)
    draft = services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), source.year + 1, "孟州市细化标准")
    services.replace_content(SYSTEM, draft, tasks)
    assert _sheets(excel.export_standard(draft)) == _sheets(data)

    def codes(standard):
        items = WorkItem.objects.filter(key_task__standard=standard).exclude(indicator_code="")
        return sorted(items.values_list("code", "indicator_code"))

    assert codes(source) and codes(draft) == codes(source)  # the computed indicators travel too


def test_an_unknown_indicator_code_is_a_row_error_naming_the_column():
    data = workbook(
        [["支部过硬星", 1, "班子", "", "", "", "", "", 1]],
        [[1, "1.1", "好", "", "", "", "", "", 1, "nobody.nothing"], [1, "1.2", "联户", "", "", "", "", "", 1, ""]],
    )
    with pytest.raises(excel.RowErrors) as excinfo:
        excel.parse_standard(data)
    [error] = excinfo.value.errors
    assert error.startswith("工作项 第2行 列“系统计算指标”: “nobody.nothing”不是系统计算指标")


def test_a_file_from_before_the_indicator_column_still_imports():
    book = Workbook()
    book.active.title = excel.TASK_SHEET
    book.active.append(excel.TASK_HEADER)
    book.active.append(["支部过硬星", 1, "班子", "", "", "", "", "", 1])
    sheet = book.create_sheet(excel.ITEM_SHEET)
    sheet.append([h for h in excel.ITEM_HEADER if h != excel.INDICATOR])
    sheet.append([1, "1.1", "好", "", "", "", "", "", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    [task] = excel.parse_standard(buffer.getvalue())
    assert task["work_items"][0]["indicator_code"] == ""


def _sheets(data):
    book = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def workbook(tasks, items) -> bytes:
    book = Workbook()
    book.active.title = excel.TASK_SHEET
    book.active.append(excel.TASK_HEADER)
    for row in tasks:
        book.active.append(row)
    sheet = book.create_sheet(excel.ITEM_SHEET)
    sheet.append(excel.ITEM_HEADER)
    for row in items:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_reports_every_error_by_sheet_row_and_column():
    data = workbook(
        [
            ["支部过硬星", 1, "班子", "", "", "", "", "", 1],
            ["幸运星", 2, "", "", "", "", "≥", None, "x"],
            ["产业兴旺星", 1, "重复", "", "", "万元", "≥", 10, 1],
        ],
        [
            [1, "1.1", "好", "", "", "", "", "", ""],
            [9, "9.1", "孤儿", "", "", "", "", "", ""],
            [1, "1.1", "重号", "", "", "", "", "", ""],
        ],
    )
    with pytest.raises(excel.RowErrors) as excinfo:
        excel.parse_standard(data)
    errors = excinfo.value.errors
    assert (
        "重点任务 第3行 列“星”: “幸运星”无效，可填 支部过硬星、产业兴旺星、生态宜居星、平安法治星、文明幸福星" in errors
    )
    assert "重点任务 第3行 列“重点任务”: 不能为空" in errors
    assert "重点任务 第3行 列“比较”“阈值”: 须同时填写或同时留空" in errors
    assert "重点任务 第3行 列“权重”: “x”不是数字" in errors
    assert "重点任务 第4行 列“序号”: 序号 1 重复" in errors
    assert "工作项 第3行 列“重点任务序号”: 重点任务 9 不存在" in errors
    assert "工作项 第4行 列“编号”: 编号 1.1 重复" in errors


def test_failed_import_changes_nothing(login, users, plans):
    draft = services.create_standard(
        SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"] + 1, "草稿", plans["standard"]
    )
    before = draft.key_tasks.count()
    bad = SimpleUploadedFile("s.xlsx", workbook([["幸运星", 1, "x", "", "", "", "", "", 1]], []))
    response = login(users["office"]).post(f"/standards/{draft.pk}/import/", {"file": bad})
    assert "导入失败，未做任何修改" in response.content.decode()
    assert draft.key_tasks.count() == before == 29


def test_import_through_the_page_replaces_a_draft(login, users, plans):
    draft = services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"] + 1, "草稿")
    upload = SimpleUploadedFile(
        "s.xlsx",
        workbook([["支部过硬星", 1, "班子", "", "", "人", "≥", 2, 1]], [[1, "1.1", "后备", "", "", "", "", "", ""]]),
    )
    response = login(users["office"]).post(f"/standards/{draft.pk}/import/", {"file": upload})
    assert response.status_code == 200 and "导入完成：新增 1" in response.content.decode()
    assert draft.key_tasks.get().work_items.get().title == "后备"
    assert AuditEvent.objects.filter(action="standards.standard.import", object_id=str(draft.pk)).exists()


def test_renamed_executable_is_refused(login, users, plans):
    draft = services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"] + 1, "草稿")
    fake = SimpleUploadedFile("standard.xlsx", b"MZ\x90\x00\x03" + b"\x00" * 500)
    response = login(users["office"]).post(f"/standards/{draft.pk}/import/", {"file": fake})
    assert "不是 Excel" in response.content.decode()


def test_copy_to_a_new_year_and_refine_for_a_county(plans):
    county = services.create_standard(
        SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"], "孟州市细化", plans["standard"]
    )
    assert county.key_tasks.count() == 29 and county.based_on == plans["standard"]
    assert county.status == StandardStatus.DRAFT
    with pytest.raises(ValidationError, match="已有创建标准"):
        services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"], "again")


def test_county_refinement_applies_to_its_villages_once_published(plans):
    village = plans["plan"].org
    assert services.applicable_standard(village, plans["year"]) == plans["standard"]
    county = services.create_standard(
        SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"], "孟州市细化", plans["standard"]
    )
    assert services.applicable_standard(village, plans["year"]) == plans["standard"]  # a draft does not apply
    services.publish_standard(SYSTEM, county)
    assert services.applicable_standard(village, plans["year"]) == county


def test_published_standard_in_use_cannot_be_deleted_and_edits_are_audited(plans, login, users):
    standard = plans["standard"]
    with pytest.raises(ValidationError, match="不能删除"):
        services.delete_standard(SYSTEM, standard)
    task = standard.key_tasks.get(number=7)
    data = {f: getattr(task, f) for f in services.KEY_TASK_FIELDS} | {"title": "村集体经济经营性收入"}
    services.save_key_task(SYSTEM, standard, task, data)
    event = AuditEvent.objects.filter(action="standards.key_task.save").latest("seq")
    assert event.before["title"] == "村集体经济收入" and event.after["title"] == "村集体经济经营性收入"
    with pytest.raises(ValidationError, match="只能修改"):
        services.delete_work_item(SYSTEM, task.work_items.first())


def test_unused_draft_can_be_deleted_through_the_page(plans, login, users):
    draft = services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), plans["year"] + 1, "草稿")
    response = login(users["office"]).post(f"/standards/{draft.pk}/", {"op": "delete"})
    assert response.status_code == 302 and not Standard.objects.filter(pk=draft.pk).exists()


def test_only_offices_in_scope_manage(plans, login, users):
    standard = plans["standard"]
    # 孟州市 office reads the province standard but may not change it.
    client = login(users["office"])
    assert client.get(f"/standards/{standard.pk}/").status_code == 200
    assert client.post(f"/standards/{standard.pk}/", {"op": "delete"}).status_code == 403
    assert client.get(f"/standards/{standard.pk}/tasks/new/").status_code == 403
    # A village reads it; the 博爱县 refinement is hidden from 孟州市.
    assert login(users["village"]).get(f"/standards/{standard.pk}/").status_code == 200
    assert client.get(f"/standards/{plans['boai_standard'].pk}/").status_code == 404


def test_create_through_the_page(login, users, plans):
    response = login(users["office"]).post(
        "/standards/new/", {"year": plans["year"], "title": "孟州市五星支部创建标准", "source": plans["standard"].pk}
    )
    assert response.status_code == 302
    created = Standard.objects.get(org__code=MENGZHOU, year=plans["year"])
    assert created.key_tasks.count() == 29


def test_key_task_form_errors_do_not_fail(login, users, plans):
    draft = services.create_standard(SYSTEM, Org.objects.get(code=BOAI), plans["year"] + 1, "草稿")
    response = login(users["office_boai"]).post(f"/standards/{draft.pk}/tasks/new/", {"star": "x", "number": "a"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_api_lists_and_details(login, users, plans):
    client = login(users["township"])
    listing = client.get("/api/v1/standards/").json()
    assert [s["id"] for s in listing["results"]] == [plans["standard"].pk]
    detail = client.get(f"/api/v1/standards/{plans['standard'].pk}/").json()
    assert len(detail["key_tasks"]) == 29 and detail["key_tasks"][0]["work_items"]
