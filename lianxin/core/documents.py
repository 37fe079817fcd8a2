"""Official documents (公文) as Word files, laid out after GB/T 9704-2012 «党政机关公文格式»,
so a notice the system writes can be printed and issued as it is (issue 10 point 3).

The layout, as the standard gives it:
- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
- 22 lines of 28 characters: body in 仿宋_GB2312 三号 (16 pt), fixed line pitch 28.95 pt on a
  line grid, characters set 0.25 pt closer (28 × 15.75 pt fill the 156 mm line). Not a
  character grid: LibreOffice puts a 16 pt character into two cells of a 15.8 pt grid, which
  printed 14 spaced-out characters a line;
- 版头: the issuing organ's name in red 方正小标宋简体, centred, under it the 发文字号 and a red
  separator line the width of the 版心;
- title in 方正小标宋简体 二号 (22 pt), centred; first-level headings "一、" in 黑体, second-level
  "（一）" in 楷体_GB2312, further levels in the body's 仿宋;
- paragraphs indented 2 characters; the 落款 (organ) and date right, the date 4 characters in;
- page numbers "— 1 —" in 宋体 四号 (14 pt) at the bottom, right on odd pages, left on even ones.

Fonts: the standard's fonts are named as East Asian fonts (w:eastAsia) with Times New Roman for
Latin text. Where they are not installed (most Linux servers, LibreOffice), fontconfig
substitutes: with fonts-noto-cjk, 仿宋/宋体/小标宋 become Noto Serif CJK SC and 黑体/楷体 Noto
Sans CJK SC; line pitch and margins stay as set, so the page still holds 22 lines.
"""

import math
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# The run properties that follow w:spacing in the schema's order.
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:lang")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE_STYLES = ("Official Table Header", "Official Table")

PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES, CHARS = 22, 28
BODY_SIZE = Pt(16)  # 三号
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
RED = RGBColor(0xC0, 0x00, 0x00)
LATIN = "Times New Roman"
XIAOBIAOSONG, FANGSONG, HEITI, KAITI, SONGTI = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"


@dataclass(frozen=True)
class Look:
    """A paragraph style of the document: its East Asian font, size and alignment."""

    font: str
    size: Pt
    align: WD_ALIGN_PARAGRAPH | None = None
    indent: bool = False  # first line indented 2 characters
    color: RGBColor | None = None
    bold: bool = False
    line: Pt | None = None  # exact line height; the grid's pitch (or more, for large type) if None


LOOKS = {
    "Normal": Look(FANGSONG, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True),
    "Official Organ": Look(XIAOBIAOSONG, Pt(36), WD_ALIGN_PARAGRAPH.CENTER, color=RED),
    "Official Number": Look(FANGSONG, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER),
    "Official Title": Look(XIAOBIAOSONG, Pt(22), WD_ALIGN_PARAGRAPH.CENTER),
    "Official Addressee": Look(FANGSONG, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT),
    "Official Heading 1": Look(HEITI, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, indent=True),
    "Official Heading 2": Look(KAITI, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, indent=True),
    "Official Heading 3": Look(FANGSONG, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT, indent=True, bold=True),
    "Official Signature": Look(FANGSONG, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT),
    "Official Table": Look(FANGSONG, Pt(14), WD_ALIGN_PARAGRAPH.CENTER, line=Pt(22)),
    "Official Table Header": Look(HEITI, Pt(14), WD_ALIGN_PARAGRAPH.CENTER, line=Pt(22)),
    "Official Page Number": Look(SONGTI, Pt(14), line=Pt(18)),
}


def set_fonts(element_font, east_asian: str, latin: str = LATIN) -> None:
    """Name the East Asian font (w:eastAsia) beside the Latin one, on a style's or run's font."""
    element_font.name = latin
    element_font._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


class OfficialDocument:
    """One 公文: build it top to bottom (`organ` and `number` make the 版头; a list without an
    issuing organ, e.g. an attachment, has none), then `content()` gives the .docx bytes."""

    def __init__(self, title: str, organ: str = "", number: str = ""):
        self.document = Document()
        self._page_setup()
        self._styles()
        self._page_numbers()
        body = self.document.paragraphs
        if body:  # the template's empty first paragraph
            body[0]._element.getparent().remove(body[0]._element)
        if organ:
            self._masthead(organ, number)
        self.paragraph(title, "Official Title")
        self.paragraph("")

    # --- content ------------------------------------------------------------------------------

    def paragraph(self, text: str, style: str = "Normal"):
        return self.document.add_paragraph(text, style=style)

    def addressee(self, text: str):
        return self.paragraph(f"{text}：", "Official Addressee")

    def heading(self, text: str, level: int = 1):
        return self.paragraph(text, f"Official Heading {min(max(level, 1), 3)}")

    def table(self, header: list[str], rows: list[list], widths_mm: list[float] | None = None):
        """A bordered table in the body, its header repeated on each page it runs over."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        head_style, body_style = (self.document.styles[name].style_id for name in TABLE_STYLES)
        _fill(table.rows[0].cells, header, head_style)
        _row_flag(table.rows[0], "w:tblHeader")  # repeated on each page
        for values in rows:
            row = table.add_row()
            _fill(row.cells, values, body_style)
            _row_flag(row, "w:cantSplit")  # a row is never cut across two pages
        widths_mm = widths_mm or _fitted_widths(header, rows)
        table.autofit = False
        # The grid's widths (LibreOffice lays a table out by them) and each cell's (Word's).
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    def signature(self, organ: str, day: date):
        """落款 and 成文日期, right: the date 4 characters in and the organ centred over it; an
        organ name too long for that 2 characters in, the date centred under it."""
        body = self.document.paragraphs
        if body:  # never a page with the signature alone: the last paragraph goes with it
            body[-1].paragraph_format.keep_with_next = True
        for _blank in range(2):
            self.paragraph("").paragraph_format.keep_with_next = True
        dated = f"{day.year}年{day.month}月{day.day}日"
        spare = (_chars(organ) - _chars(dated)) / 2
        indents = (2, 2 + spare) if spare > 2 else (4 - spare, 4)
        for text, chars in zip((organ, dated), indents, strict=True):
            paragraph = self.paragraph(text, "Official Signature")
            paragraph.paragraph_format.right_indent = Pt(BODY_SIZE.pt * chars)
            paragraph.paragraph_format.keep_with_next = text == organ

    def content(self) -> bytes:
        buffer = BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # --- layout -------------------------------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE
        for side, length in MARGINS.items():
            setattr(section, f"{side}_margin", length)
        section.footer_distance = Mm(21)  # the number's dash 7 mm under the 版心
        width = (PAGE[0] - MARGINS["left"] - MARGINS["right"]) / 12700  # in points
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
        grid.attrib.pop(qn("w:charSpace"), None)
        self.tracking = width / CHARS - BODY_SIZE.pt  # negative: characters set closer

    def _styles(self) -> None:
        styles = self.document.styles
        for name, look in LOOKS.items():
            style = styles[name] if name == "Normal" else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if name != "Normal":
                style.base_style = styles["Normal"]
            set_fonts(style.font, look.font)
            style.font.size, style.font.bold = look.size, look.bold
            style.font.color.rgb = look.color or RGBColor(0, 0, 0)
            fmt = style.paragraph_format
            fmt.alignment = look.align
            fmt.first_line_indent = Pt(2 * BODY_SIZE.pt) if look.indent else Pt(0)
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = look.line or _line_for(look.size)
            fmt.widow_control = False
        tracking = OxmlElement("w:spacing")
        tracking.set(qn("w:val"), str(math.floor(self.tracking * 20)))  # twentieths of a point
        styles["Normal"].element.get_or_add_rPr().insert_element_before(tracking, *RPR_AFTER_SPACING)

    def _masthead(self, organ: str, number: str) -> None:
        self.paragraph(organ, "Official Organ")
        if number:
            self.paragraph("", "Official Number")
        line = self.paragraph(number, "Official Number")
        _red_rule(line)
        self.paragraph("", "Official Number")

    def _page_numbers(self) -> None:
        """— 1 —: right with one character in on odd pages, left on even pages."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, align, side in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
        ):
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles["Official Page Number"]
            paragraph.paragraph_format.alignment = align
            paragraph.paragraph_format.first_line_indent = Pt(0)
            setattr(paragraph.paragraph_format, side, Pt(14))
            paragraph.add_run("— ")
            _page_field(paragraph)
            paragraph.add_run(" —")


def _line_for(size: Pt) -> Pt:
    """Exact line height: the grid's pitch for body text, more for the larger headings."""
    return LINE_PITCH if size.pt <= BODY_SIZE.pt else Pt(max(LINE_PITCH.pt, size.pt * 1.3))


def _chars(text: str) -> float:
    """Width in body characters: digits and Latin letters are half a character."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _fitted_widths(header: list[str], rows: list[list]) -> list[float]:
    """Column widths across the type area from the widest text of each column (a header may
    wrap after four characters; one more for the cell's padding), so that a unit's name is not
    squeezed to three characters a line beside columns of two-digit figures, as equal widths
    did (孟州市's weekly bulletin printed on 13 pages, now 9)."""
    text_width = (PAGE[0] - MARGINS["left"] - MARGINS["right"]) / Mm(1)
    needs = [
        min(max(min(_chars(str(title)), 4), *(_chars(str(row[i] or "")) for row in rows), 2), 14) + 1
        for i, title in enumerate(header)
    ]
    return [text_width * need / sum(needs) for need in needs]


def _fill(cells, values, style_id: str) -> None:
    """Each cell's text in the style `style_id`, set on the paragraph's XML: python-docx's
    `paragraph.style = name` looks the name up through every style of the document on each
    call (6 ms a cell: a bulletin's table of 59 units took 2 s), the id is looked up once."""
    for cell, value in zip(cells, values, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.add_run("" if value is None else str(value))


def _row_flag(row, name: str) -> None:
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _red_rule(paragraph) -> None:
    """The red separator line under the 发文字号, as the paragraph's bottom border."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "11"), ("color", str(RED))):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    properties.append(borders)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
