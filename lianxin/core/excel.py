"""Excel files for users who live in Excel: write-only workbooks, so a 50,000-row export
streams through in constant memory."""

from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lianxin.core.ratelimit import EXPORT_MARK  # noqa: E402

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(sheets: list[tuple[str, list[str], object]]) -> bytes:
    """sheets: (title, header, rows) triples; rows any iterable of sequences."""
    buffer = BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()


def write_workbook(target, sheets: list[tuple[str, list[str], object]]) -> None:
    """Write the sheets to `target` (a path or a binary file). Rows are consumed one at a time
    and openpyxl's write-only mode spools them to a temporary file, so a large iterator of
    rows needs no more memory than a small one."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=str(text))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        for row in rows:
            sheet.append([_cell_value(v) for v in row])
    workbook.save(target)


def _cell_value(value):
    if isinstance(value, Promise):
        value = str(value)  # lazy translations
    # Text that starts like a formula is stored as text, never evaluated (CSV/Excel injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def attachment(content: bytes, filename: str, content_type: str = XLSX_TYPE) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response[EXPORT_MARK] = "1"  # counted by ExportRateLimitMiddleware
    return response


def xlsx_response(filename: str, header: list[str], rows, title: str = "Sheet1") -> HttpResponse:
    return attachment(workbook_bytes([(title, header, rows)]), filename)
