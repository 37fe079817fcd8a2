"""Reading the workbooks the product writes, in tests: a report's title rows (core/xlsx_layout.py)
are skipped, so a test reads the header and the rows as a clerk's filter would."""

import io

from openpyxl import load_workbook


def header_row(sheet) -> int:
    """The header's row number: the row printed on every page ("$3:$3" under title rows)."""
    titles = sheet.print_title_rows
    return int(titles.split(":")[0].strip("$")) if titles else 1


def table(sheet) -> list[tuple]:
    """A sheet's rows from its header down."""
    return list(sheet.iter_rows(min_row=header_row(sheet), values_only=True))


def table_rows(content: bytes, name: str | None = None) -> list[tuple]:
    """The first sheet's (or the named sheet's) rows from its header down."""
    book = load_workbook(io.BytesIO(content))
    return table(book[name] if name else book.worksheets[0])


def tables(content: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows from its header down, by sheet name."""
    return {ws.title: table(ws) for ws in load_workbook(io.BytesIO(content)).worksheets}
