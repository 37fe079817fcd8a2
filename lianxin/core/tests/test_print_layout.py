"""Every workbook the product writes is laid out for print by core/xlsx_layout.py (issue 10
point 2): the layout itself, each producer through it, and no producer around it."""

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lianxin.conftest import MENGZHOU
from lianxin.core.excel import FormSheet, Heading, Percent, workbook_bytes
from lianxin.core.xlsx_layout import MAX_WIDTH, sheet_name, text_width
from lianxin.testing.xlsx import assert_print_ready, table_rows

HEADING = Heading("挂图作战", "孟州市", 2023, "张三", timezone.make_aware(datetime(2023, 5, 6, 7, 8)))


def book(sheets, heading=HEADING):
    return load_workbook(io.BytesIO(workbook_bytes(sheets, heading)))


# --- the layout ---------------------------------------------------------------------------------


def test_a_report_has_its_title_and_byline_above_a_styled_header():
    sheet = book([("挂图作战", ["村（社区）", "代码"], [["西虢村", "410883105201"]])]).active
    assert sheet["A1"].value == "孟州市 · 2023年 · 挂图作战" and sheet["A1"].alignment.horizontal == "centerContinuous"
    assert sheet["A2"].value == "导出时间：2023-05-06 07:08　导出人：张三"
    assert [c.value for c in sheet[3]] == ["村（社区）", "代码"] and sheet["A3"].font.bold
    assert sheet["A4"].border.left.style == "thin"
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:B4"


def test_a_workbook_to_be_imported_again_keeps_its_header_on_row_1():
    content = workbook_bytes([("农户", ["户号", "户主"], [["1", "王"]])])
    assert table_rows(content) == [("户号", "户主"), ("1", "王")]
    assert load_workbook(io.BytesIO(content)).active["A1"].value == "户号"
    assert_print_ready(content, titled=False)


def test_page_setup_is_a4_landscape_fitted_to_the_width_with_page_numbers():
    sheet = book([("表", ["a"], [[1]])]).active
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_options.horizontalCentered
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_column_widths_come_from_the_content_a_chinese_character_counting_double():
    assert text_width("孟州市ab") == 8 and text_width("一\n二三") == 4
    rows = [["西虢镇西虢村", "ab", "很长" * 60]]
    sheet = book([("表", ["村", "代码", "说明"], rows)]).active
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert widths == [13, 6, MAX_WIDTH]  # 12 + 1; the minimum; capped
    long = sheet["C4"]
    assert long.alignment.wrap_text and sheet.row_dimensions[4].height > 15  # wraps, and the row grows
    assert not sheet["A4"].alignment.wrap_text


def test_numbers_percentages_and_dates_are_typed_and_formatted():
    row = [Percent(0.75), Percent.of_hundred(33.3), date(2023, 1, 2), Decimal("200000.00"), 2.5, True, None]
    sheet = book([("表", list("abcdefg"), [row])]).active
    cells = sheet[4]
    assert (cells[0].value, cells[0].number_format) == (0.75, "0%")
    assert cells[1].value == pytest.approx(0.333) and cells[1].number_format == "0.0%"
    assert cells[2].number_format == "yyyy-mm-dd" and sheet.column_dimensions["C"].width >= 12  # no ###
    assert cells[3].value == 200000 and isinstance(cells[3].value, int)
    assert cells[4].number_format == "#,##0.0#" and cells[5].value == "是" and cells[6].value is None


def test_text_that_looks_like_a_formula_stays_text():
    sheet = book([("表", ["a"], [["=1+1"], ["-3"]])]).active
    assert sheet["A4"].value == "'=1+1" and sheet["A5"].value == "'-3"


def test_sheet_names_are_valid_and_several_sheets_name_their_subject():
    assert sheet_name("a/b:c") == "a·b·c" and len(sheet_name("长" * 40)) == 31
    workbook = book([("五星", ["a"], [[1]]), ("四星", ["a"], [[1]])])
    assert workbook.sheetnames == ["五星", "四星"]
    assert workbook["四星"]["A1"].value == "孟州市 · 2023年 · 挂图作战 · 四星"


def test_a_form_sheet_prints_portrait_with_its_fields_and_signature_lines():
    form = FormSheet("封面", "西虢村台账", [("村（社区）", "西虢村")], ["村党组织书记（签字）："])
    sheet = book([form]).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert values[:3] == ["西虢村台账", "村（社区）：", "西虢村"]
    assert "村党组织书记（签字）：" in values and "　　　　年　　月　　日" in values
    assert sheet.page_setup.orientation == "portrait"


# --- every producer goes through the layout -----------------------------------------------------


def producers(plans):
    """(user, address, a report?): every workbook download of the product."""
    return [
        ("office", f"/orgs/{MENGZHOU}/?export=xlsx", True),
        ("office", "/orgs/search/?export=xlsx", True),
        ("township", f"/planning/{plans['plan'].pk}/ledger/", True),
        ("office", f"/planning/board/{MENGZHOU}/ledger/", True),
        ("office", "/planning/declarations/?export=xlsx", True),
        ("office", f"/planning/board/{MENGZHOU}/?export=xlsx", True),
        ("township", "/planning/?export=xlsx", True),
        ("office", f"/rating/stats/{MENGZHOU}/?export=xlsx", True),
        ("office", "/rating/results/?export=xlsx", True),
        ("office", "/rating/awards/?export=xlsx", True),
        ("office", "/rating/?export=xlsx", True),
        ("office", f"/liaison/board/{MENGZHOU}/?export=xlsx", True),
        ("auditor", "/audit/?export=xlsx", True),
        ("sysadmin", "/accounts/users/?export=xlsx", True),
        ("office", f"/standards/{plans['standard'].pk}/?export=xlsx", False),  # edited and imported again
        ("township", "/liaison/households/import/?template=1", False),
        ("sysadmin", "/accounts/users/import/?template=1", False),
    ]


@pytest.mark.django_db
def test_every_workbook_download_is_laid_out_for_print(login, users, plans):
    for username, url, titled in producers(plans):
        response = login(users[username]).get(url)
        assert response.status_code == 200, url
        try:
            assert_print_ready(response.content, titled=titled)
        except AssertionError as error:
            raise AssertionError(f"{url}: {error}") from error


@pytest.mark.django_db
def test_shares_are_exported_as_percentages(login, users):
    rows = table_rows(login(users["office"]).get(f"/liaison/board/{MENGZHOU}/?export=xlsx").content)
    header = list(rows[0])
    assert "覆盖率" in header and "覆盖率%" not in header
    stats = table_rows(login(users["office"]).get(f"/rating/stats/{MENGZHOU}/?export=xlsx").content)
    assert "三星以上占比" in stats[0]


def test_no_workbook_is_written_around_the_layout():
    """openpyxl writes workbooks only in core/excel.py (which lays them out through
    core/xlsx_layout.py), python-docx documents only in core/documents.py."""
    root = Path(__file__).resolve().parents[2]
    allowed = {"core/excel.py", "core/xlsx_layout.py", "core/documents.py"}
    writers = re.compile(r"\bWorkbook\(|from docx import Document|docx\.Document\(|import xlsxwriter")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "testing" not in path.parts
        and str(path.relative_to(root)) not in allowed
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
