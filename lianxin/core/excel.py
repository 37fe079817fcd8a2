"""Excel files for users who live in Excel: write-only workbooks, so a 50,000-row export
streams through in constant memory, each sheet laid out for print by core/xlsx_layout.py.

Every workbook the product writes goes through `write_workbook` (a test fails on openpyxl
used anywhere else to write one). A report passes a `Heading` and gets its title rows; a
workbook meant to be imported again (a template, a standard) passes none and keeps its header
on row 1."""

from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook

from lianxin.core.ratelimit import EXPORT_MARK
from lianxin.core.xlsx_layout import FormSheet, Heading, Percent, heading_for, write_form, write_table

__all__ = ["XLSX_TYPE", "FormSheet", "Heading", "Percent", "attachment", "heading_for", "workbook_bytes"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(sheets, heading: Heading | None = None) -> bytes:
    """sheets: (title, header, rows) triples, rows any iterable of sequences, or FormSheets."""
    buffer = BytesIO()
    write_workbook(buffer, sheets, heading)
    return buffer.getvalue()


def write_workbook(target, sheets, heading: Heading | None = None) -> None:
    """Write the sheets to `target` (a path or a binary file). Rows are consumed one at a time
    and openpyxl's write-only mode spools them to a temporary file, so a large iterator of
    rows needs no more memory than a small one. In a workbook of several sheets each sheet's
    title names it too ("孟州市 · 2023年 · 创星台账 · 五星")."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        if isinstance(sheet, FormSheet):
            write_form(workbook, sheet, heading)
            continue
        name, header, rows = sheet
        write_table(workbook, name, header, rows, _for_sheet(heading, name, len(sheets)))
    workbook.save(target)


def _for_sheet(heading: Heading | None, name, count: int) -> Heading | None:
    if heading is None or count == 1 or str(name) == heading.subject:
        return heading
    return Heading(
        subject=f"{heading.subject} · {name}",
        jurisdiction=heading.jurisdiction,
        year=heading.year,
        exporter=heading.exporter,
        exported_at=heading.exported_at,
    )


def attachment(content: bytes, filename: str, content_type: str = XLSX_TYPE) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response[EXPORT_MARK] = "1"  # counted by ExportRateLimitMiddleware
    return response


def xlsx_response(filename: str, header: list[str], rows, title: str, heading: Heading | None) -> HttpResponse:
    """One sheet named `title` as a download; `heading` None only for a workbook to be imported."""
    return attachment(workbook_bytes([(title, header, rows)], heading), filename)
