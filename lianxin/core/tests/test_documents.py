"""The 公文 layout of core/documents.py, read back from the .docx: page, margins, grid, fonts,
styles, 版头, page numbers (GB/T 9704-2012)."""

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from lianxin.core.documents import OfficialDocument


@pytest.fixture(scope="module")
def document():
    built = OfficialDocument("关于认定2023年度星级党支部的通知", organ="中共孟州市委组织部", number="孟组〔2023〕12号")
    built.addressee("各乡镇（街道）党（工）委")
    built.paragraph("正文" * 40)
    built.heading("一、五星党支部", level=1)
    built.heading("（一）西虢镇", level=2)
    built.table(["序号", "党支部"], [[1, "西虢村党支部"]], [20, 136])
    built.signature("中共孟州市委组织部", date(2023, 12, 15))
    return Document(io.BytesIO(built.content()))


def east_asian(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_a4_with_the_standard_margins_and_22_lines_a_page(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # stored in twips
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 28.95 pt
    text_height = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    assert int(text_height // 28.95) == 22


def test_the_body_is_fangsong_16pt_28_characters_a_line_indented_two(document):
    normal = document.styles["Normal"]
    assert east_asian(normal) == "仿宋_GB2312" and normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == Pt(28.95)
    assert fmt.first_line_indent == Pt(32)
    tracking = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    line = (Mm(210) - Mm(28) - Mm(26)) / 12700
    assert 28 * (16 + tracking) <= line < 29 * (16 + tracking)


def test_masthead_title_and_headings_in_the_standard_fonts(document):
    paragraphs = document.paragraphs
    organ, number = paragraphs[0], next(p for p in paragraphs if p.text == "孟组〔2023〕12号")
    assert organ.style.name == "Official Organ" and east_asian(organ.style) == "方正小标宋简体"
    assert (
        str(organ.style.font.color.rgb) == "C00000"
        and organ.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "C00000"
    title = next(p for p in paragraphs if p.text.startswith("关于认定"))
    assert east_asian(title.style) == "方正小标宋简体" and title.style.font.size == Pt(22)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fonts = {p.text: east_asian(p.style) for p in paragraphs if p.text.startswith(("一、", "（一）"))}
    assert fonts == {"一、五星党支部": "黑体", "（一）西虢镇": "楷体_GB2312"}


def signature(organ: str) -> tuple[float, float]:
    """The right indents, in characters, of the organ's name and the date under it."""
    built = OfficialDocument("通知")
    built.signature(organ, date(2023, 12, 15))
    lines = [p for p in Document(io.BytesIO(built.content())).paragraphs if p.style.name == "Official Signature"]
    assert [p.text for p in lines] == [organ, "2023年12月15日"]
    assert lines[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    return tuple(p.paragraph_format.right_indent.pt / 16 for p in lines)


def test_the_date_right_four_characters_in_the_organ_centred_over_it():
    organ, dated = signature("孟州市委组织部")  # 7 characters, the date 7 (digits count half)
    assert (organ, dated) == (4, 4)
    organ, dated = signature("组织部")
    assert dated == 4 and organ == 6  # centred: (7 - 3) / 2 further in


def test_a_long_organ_name_two_characters_in_the_date_centred_under_it():
    assert signature("中共孟州市委组织部") == (3, 4)  # 9 characters: still centred over the date
    assert signature("中共孟州市委组织部办公室") == (2, 4.5)  # 12: centred it would stick out


def test_a_table_in_the_body_repeats_its_header(document):
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "党支部"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].paragraphs[0].style.name == "Official Table"


def test_page_numbers_in_songti_outside_edges(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, align in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in paragraph._p.xml and paragraph.paragraph_format.alignment == align
        assert east_asian(paragraph.style) == "宋体" and paragraph.style.font.size == Pt(14)


def test_a_list_without_issuing_organ_has_no_masthead():
    built = OfficialDocument("孟州市2023年度星级党支部名单")
    document = Document(io.BytesIO(built.content()))
    assert document.paragraphs[0].style.name == "Official Title"
    assert "Official Organ" not in {p.style.name for p in document.paragraphs}
