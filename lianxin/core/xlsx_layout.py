"""How every workbook the product writes is laid out, so it can be handed over and printed as
it is (issue 10 point 2): a boss gets a sheet that prints on A4 landscape with a title, readable
columns and page numbers, not openpyxl's bare grid.

A report sheet is, from the top:
  row 1  the title, "孟州市 · 2023年 · 挂图作战" (jurisdiction · year · subject), centred;
  row 2  when and by whom it was exported;
  row 3  the header: bold, filled, bordered; frozen, filtered, repeated on every printed page;
  then the rows, bordered, with number, percent and date formats.
A data sheet (an import template, a standard meant to be edited and imported again) has no
title rows: its header stays on row 1, where the importers look for it; the rest is the same.

Rows are still streamed (openpyxl's write-only mode): column widths come from the header and
the first SAMPLE_ROWS rows, which are the only ones held in memory. Each body cell takes a copy
of a prototype cell's style array, so styling costs no style lookup per cell.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

SAMPLE_ROWS = 200  # rows read ahead to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 42  # in Excel's character units; a CJK character counts 2
SHEET_NAME_MAX = 31
FOOTER = "第 &P 页 共 &N 页"
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "percent": "0%",
    "percent1": "0.0%",
    "int": "0",
    "float": "#,##0.0#",
}
LINE_HEIGHT = 15  # points per line of wrapped text
WIDTHS = {"date": 12, "datetime": 18, "percent": 7, "percent1": 8}


class Percent(float):
    """A share (0.75) to be shown as a percentage (75%): stored as the number, formatted."""

    @classmethod
    def of_hundred(cls, value):
        """A figure computed as 0–100 (75.0), as a share; None stays empty."""
        return None if value is None else cls(value / 100)


@dataclass
class Heading:
    """What a report is about (its title row) and who exported it when (its second row)."""

    subject: str
    jurisdiction: str = ""
    year: int | None = None
    exporter: str = ""
    exported_at: datetime = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        year = _("%(year)d年") % {"year": self.year} if self.year else ""
        return " · ".join(str(part) for part in (self.jurisdiction, year, self.subject) if part)

    @property
    def byline(self) -> str:
        when = timezone.localtime(self.exported_at) if timezone.is_aware(self.exported_at) else self.exported_at
        line = _("导出时间：%(when)s") % {"when": f"{when:%Y-%m-%d %H:%M}"}
        return line + (_("　导出人：%(who)s") % {"who": self.exporter} if self.exporter else "")


def heading_for(user, subject, org=None, year=None) -> Heading:
    """A report's heading for `user`: the jurisdiction is `org`, else the user's home org."""
    org = org or getattr(user, "home_org", None)
    return Heading(
        subject=str(subject),
        jurisdiction=org.short_name if org else "",
        year=year,
        exporter=str(user) if user is not None else "",
    )


@dataclass
class FormSheet:
    """A sheet that is a form, not a table (a ledger's cover): a title, label/value lines and
    signature lines with room to sign; A4 portrait on one page."""

    name: str
    title: str
    fields: list[tuple[str, object]]
    signatures: list[str] = field(default_factory=list)


def sheet_name(name) -> str:
    """A valid sheet name: Excel forbids []:*?/\\ and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "·", str(name)).strip("'")[:SHEET_NAME_MAX] or "表"


def text_width(value) -> int:
    """Display width of a value's longest line: a wide (CJK) character counts 2."""
    lines = str(value).split("\n") if value is not None else [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def kind(value) -> str:
    if isinstance(value, Percent):
        return "percent" if float(value * 100).is_integer() else "percent1"
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, bool):
        return "text"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "text"


def cell_value(value):
    if isinstance(value, Promise):
        value = str(value)  # lazy translations
    if isinstance(value, Decimal | float) and not isinstance(value, Percent):
        value = float(value)
        return int(value) if value.is_integer() else value  # 200000, not 200000.0
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)  # Excel has no time zones: the local time
    # Text that starts like a formula is stored as text, never evaluated (CSV/Excel injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def line_count(text: str, width: int) -> int:
    """Lines a wrapped text takes in a column `width` units wide."""
    room = max(width - 1, 1)
    return sum(max(1, -(-text_width(line) // room)) for line in text.split("\n"))


def natural_widths(header, sample) -> list[int]:
    """Each column's width for its widest value (header and sample), before the caps."""
    widths = [text_width(h) + 2 for h in header]  # the header's filter button takes room
    for row in sample:
        for i, value in enumerate(row[: len(widths)]):
            width = WIDTHS.get(kind(value)) or text_width(cell_value(value)) + 1
            widths[i] = max(widths[i], width)
    return widths


class Styles:
    """The workbook's prototype cells, one per look; a body cell copies one's style array."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.protos = {}
        self.styles = {}

    def proto(self, look: str):
        if look not in self.protos:
            cell = WriteOnlyCell(self.sheet)
            self.protos[look] = cell
            base, _, wrap = look.partition("+")
            if base == "title":
                cell.font = Font(bold=True, size=16)
                cell.alignment = Alignment(horizontal="centerContinuous", vertical="center")
            elif base == "byline":
                cell.font = Font(size=10, color="595959")
            elif base == "header":
                cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif base == "label":
                cell.font = Font(bold=True, size=12)
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif base == "value":
                cell.font, cell.border = Font(size=12), Border(bottom=THIN)
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            else:
                cell.border = BORDER
                cell.number_format = FORMATS.get(base, "General")
                cell.alignment = Alignment(vertical="top", wrap_text=bool(wrap))
        return self.protos[look]

    def cell(self, value, look: str) -> WriteOnlyCell:
        """A cell in a look: it shares the prototype's style array, which nothing changes
        once the cell is written (write-only cells are written as they are appended)."""
        cell = WriteOnlyCell(self.sheet, value=value)
        cell._style = self.styles.get(look) or self._style_of(look)
        return cell

    def _style_of(self, look: str) -> StyleArray:
        self.styles[look] = self.proto(look)._style
        return self.styles[look]


def write_table(workbook, name, header, rows, heading: Heading | None) -> None:
    """One table sheet, laid out for print (see the module docstring)."""
    sheet = workbook.create_sheet(sheet_name(name))
    styles = Styles(sheet)
    header = [str(h) for h in header]
    rows = iter(rows)
    sample = [list(r) for r in islice(rows, SAMPLE_ROWS)]
    natural = natural_widths(header, sample)
    widths = [min(max(w, MIN_WIDTH), MAX_WIDTH) for w in natural]
    wrapping = {i for i, w in enumerate(natural) if w > MAX_WIDTH}
    wrapping |= {i for row in sample for i, v in enumerate(row) if isinstance(v, str) and "\n" in v}
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(max(len(header), 1))
    top = 1 if heading is None else 3
    # Everything written before the rows (views, sheet properties, columns) is set first.
    sheet.freeze_panes = f"A{top + 1}"
    sheet.print_title_rows = f"{top}:{top}"
    print_setup(sheet, landscape=True)
    if heading is not None:
        title = [styles.cell(heading.title, "title")] + [styles.cell(None, "title") for _blank in header[1:]]
        sheet.row_dimensions[1].height = 28
        sheet.append(title)
        sheet.append([styles.cell(heading.byline, "byline")])
    sheet.append([styles.cell(h, "header") for h in header])
    count = 0
    for row in chain(sample, rows):
        cells, lines = [], 1
        for i, value in enumerate(row):
            value = cell_value(value)
            wrapped = i in wrapping and isinstance(value, str)
            if wrapped:
                lines = max(lines, line_count(value, widths[i]))
            cells.append(styles.cell(value, kind(value) + ("+wrap" if wrapped else "")))
        count += 1
        if lines > 1:  # LibreOffice does not grow a row for wrapped text by itself
            sheet.row_dimensions[top + count].height = LINE_HEIGHT * lines + 3
        sheet.append(cells)
        sheet.row_dimensions.pop(top + count, None)  # written: not kept for 50,000 rows
    sheet.auto_filter.ref = f"A{top}:{last}{top + count}"  # written after the rows


def write_form(workbook, form: FormSheet, heading: Heading | None) -> None:
    """A form sheet: title, label/value lines, signature lines and the export's byline."""
    sheet = workbook.create_sheet(sheet_name(form.name))
    styles = Styles(sheet)
    print_setup(sheet, landscape=False)
    for letter, width in zip("ABCD", (4, 22, 44, 4), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[2].height = 40
    sheet.append([])
    sheet.append([styles.cell(form.title, "title")] + [styles.cell(None, "title") for _blank in range(3)])
    sheet.append([])
    row = 4
    for label, value in form.fields:
        sheet.row_dimensions[row].height = 26
        sheet.append([None, styles.cell(f"{label}：", "label"), styles.cell(cell_value(value), "value")])
        row += 1
    sheet.append([])
    for label in form.signatures:
        sheet.append([])  # room to sign
        sheet.append([])
        sheet.row_dimensions[row + 3].height = 26
        sheet.append([None, styles.cell(label, "label"), styles.cell(None, "value")])
        sheet.append([None, styles.cell("日期：", "label"), styles.cell("　　　　年　　月　　日", "value")])
        row += 4
    if heading is not None:
        sheet.append([])
        sheet.append([None, styles.cell(heading.byline, "byline")])


def print_setup(sheet, landscape: bool) -> None:
    """A4, fitted to the page width (as many pages down as it takes), centred, numbered."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.75
    sheet.page_margins.footer = 0.3
    sheet.oddFooter.center.text = FOOTER
    sheet.oddFooter.center.size = 9
