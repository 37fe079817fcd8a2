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


def assert_print_ready(content: bytes, titled: bool | None = True) -> None:
    """Every sheet is laid out by core/xlsx_layout.py: A4 fitted to the page width, numbered
    pages; a table's header bold, filled, frozen, filtered and repeated on every page, its
    columns sized; a report (`titled`) has its title and byline rows above the header, a
    workbook to be imported again (not `titled`) its header on row 1; None: either."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        where = f"sheet {sheet.title!r}"
        setup = sheet.page_setup
        assert setup.paperSize in (9, "9"), where
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), where
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页", where
        if sheet.print_title_rows is None:  # a form (a ledger's cover): portrait, one column of fields
            assert setup.orientation == "portrait" and titled is not False, where
            continue
        assert setup.orientation == "landscape", where
        top = header_row(sheet)
        report = top == 3 if titled is None else titled
        assert top == (3 if report else 1), where
        assert sheet.freeze_panes == f"A{top + 1}" and sheet.auto_filter.ref.startswith(f"A{top}:"), where
        header = sheet[top]
        assert all(c.font.bold and c.fill.fgColor.rgb.endswith("D9E1F2") for c in header if c.value), where
        widths = [sheet.column_dimensions[c.column_letter].width for c in header if c.value]
        assert widths and all(w and w >= 6 for w in widths), where
        if report:
            assert sheet["A1"].value and sheet["A1"].font.bold and sheet["A1"].font.size >= 14, where
            assert str(sheet["A2"].value).startswith("导出时间："), where
