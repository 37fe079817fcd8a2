"""The weekly bulletin as a Word document laid out as an official bulletin (GB/T 9704-2012): A4,
margins 37/35/28/26 mm (top/bottom/left/right), the masthead (版头) in red 小标宋 over a red rule,
the title in 小标宋 22 pt, the body in 仿宋 16 pt (三号) with 黑体 headings.

All the Word code of this app is in this module, so that it can move onto the core's official
document builder (lianxin/core/documents.py, being written in parallel) at merge."""

from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lianxin.orgs.choices import OrgKind
from lianxin.rhythm.figures import RATES

RED = RGBColor(0xE6, 0x00, 0x12)
XBS, FS, HT = "方正小标宋简体", "仿宋_GB2312", "黑体"
FLAG_COLOUR = {"red": RED, "yellow": RGBColor(0xC8, 0x8A, 0x00)}


def _font(run, name: str, size: float, colour=None, bold=False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if colour is not None:
        run.font.color.rgb = colour


def _para(doc, text: str, font=FS, size=16, align=None, colour=None, bold=False, indent=True):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28)  # 28-point lines: 22 lines a page, as the standard sets
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, size, colour, bold)
    return paragraph


def _red_rule(paragraph) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _masthead(doc, org_name: str, number_line: str, issuer_line: str) -> None:
    _para(doc, f"{org_name}五星支部创建工作", XBS, 26, WD_ALIGN_PARAGRAPH.CENTER, RED)
    _para(doc, "周  通  报", XBS, 36, WD_ALIGN_PARAGRAPH.CENTER, RED)
    _para(doc, number_line, FS, 16, WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(_para(doc, issuer_line, FS, 14, WD_ALIGN_PARAGRAPH.CENTER))


def _table(doc, header: list[str], rows: list[list], colours: list[list] | None = None) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), HT, 10.5)
    for i, values in enumerate(rows):
        cells = table.add_row().cells
        for j, value in enumerate(values):
            colour = colours[i][j] if colours else None
            _font(cells[j].paragraphs[0].add_run("—" if value is None else str(value)), FS, 10.5, colour)


def _pct(value) -> str | None:
    return None if value is None else f"{value}%"


def bulletin_docx(bulletin) -> bytes:
    figures = bulletin.figures
    doc = Document()
    _page(doc)
    finished = date.today()
    _masthead(
        doc,
        bulletin.org.short_name,
        f"{bulletin.week_start.year}年第{bulletin.number}期",
        f"{bulletin.org.short_name}五星支部创建工作办公室          {finished:%Y年%m月%d日}",
    )
    _para(
        doc,
        f"五星支部创建工作进展情况通报（{figures['week_start']}至{figures['week_end']}）",
        XBS,
        22,
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    for heading, body in sections(figures):
        _para(doc, heading, HT, 16)
        for text in body.get("text", []):
            _para(doc, text)
        if "table" in body:
            _table(doc, *body["table"])
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def sections(figures: dict) -> list[tuple[str, dict]]:
    """The bulletin's parts in order, as text and tables (the web page shows the same figures)."""
    total, units, rating = figures["total"], figures["units"], figures["rating"]
    c, r = total["counts"], total["rates"]
    floors = figures["floors"]
    overview = [
        f"本周全域到期创建措施{c['measures_due']}项，按期完成{c['on_time']}项，按期完成率{_pct(r['on_time']) or '—'}；"
        f"逾期未完成{c['overdue']}项；本周完成措施{c['done_week']}项。创星规划{c['plans']}份，已审核通过{c['plans_accepted']}份；"
        f"村级自评{c['assessments']}项，乡镇已确认{c['assessments_confirmed']}项。",
        f"党群连心：联户覆盖率{_pct(r['coverage']) or '—'}，本周走访{c['visits_week']}次，"
        f"累计办结群众诉求{c['matters_closed']}件，其中按时限办结{c['closed_in_time']}件"
        f"（及时办结率{_pct(r['in_time']) or '—'}），本周办结{c['closed_week']}件，"
        f"群众满意率{_pct(r['satisfaction']) or '—'}。",
        f"评星定级：审核中{rating['in_review']}份，待公示及公示中{rating['publicity']}份，已认定{rating['determined']}份；"
        f"本周新提交{rating['submitted_week']}份、审定{rating['decided_week']}份、认定{rating['determined_week']}份。",
    ]
    floors_text = "；".join(f"{name}不低于{floors[key]}%" for key, (name, _f) in RATES.items())
    flagged = [u for u in units if u.get("flags")]
    warnings = [
        "、".join(f"{RATES[k][0]}{_pct(u['rates'][k])}" for k in u["flags"])
        + ("（低于底线）" if "red" in u["flags"].values() else "（接近底线）")
        for u in flagged
    ]
    header = ["排名", "单位", *(RATES[k][0] for k in RATES), "较上周"]
    ranked = sorted(units, key=lambda u: u.get("rank", {}).get("on_time", 10_000))
    rows, colours = [], []
    for place, unit in enumerate(ranked, 1):
        change = unit.get("change", {}).get("on_time")
        rows.append(
            [place, unit["name"], *(_pct(unit["rates"][k]) for k in RATES), "—" if change is None else f"{change:+}"]
        )
        colours.append([None, None, *(FLAG_COLOUR.get(unit["flags"].get(k, "")) for k in RATES), None])
    return [
        ("一、总体进展", {"text": overview}),
        (
            "二、各单位排名",
            {
                "text": [
                    f"按措施按期完成率排序。底线：{floors_text}；红色为低于底线，黄色为高出底线不足{floors['margin']}个百分点。"
                ],
                "table": (header, rows, colours),
            },
        ),
        (
            "三、亮灯提醒",
            {
                "text": [
                    f"{u['name']}：{w}。请认真分析原因，限期整改。" for u, w in zip(flagged, warnings, strict=True)
                ]
                or ["本周各单位各项指标均达到底线要求。"]
            },
        ),
        ("四、领导责任落实", {"text": _duty_text(figures.get("duties", []))}),
    ]


def _duty_text(duties: list[dict]) -> list[str]:
    if not duties:
        return ["尚未设置领导责任事项。"]
    missed = [d for d in duties if d["state"] == "missed"]
    return [
        f"{d['holder']}“{d['title']}”（{d['frequency']}）上一周期未落实，最近一次：{d['last_done'] or '无记录'}。"
        for d in missed
    ] or ["各项领导责任均按期落实。"]


def minutes_docx(meeting) -> bytes:
    """月调度会 minutes: who chaired, which units attended and reported, each unit's report, and
    the decisions with owners and deadlines."""
    doc = Document()
    _page(doc)
    _para(doc, f"{meeting.org.short_name}五星支部创建工作", XBS, 26, WD_ALIGN_PARAGRAPH.CENTER, RED)
    _red_rule(_para(doc, "会  议  纪  要", XBS, 36, WD_ALIGN_PARAGRAPH.CENTER, RED))
    _para(doc, meeting.title, XBS, 22, WD_ALIGN_PARAGRAPH.CENTER)
    units = list(meeting.units.select_related("org"))
    present = [u.org.short_name for u in units if u.attended]
    absent = [u.org.short_name for u in units if not u.attended]
    _para(
        doc,
        f"{meeting.date:%Y年%m月%d日}，{meeting.chair}主持召开{meeting.title}。"
        f"参会单位：{'、'.join(present) or '无'}。",
    )
    if absent:
        _para(doc, f"未参会单位：{'、'.join(absent)}。")
    forces = [u for u in units if u.org.kind == OrgKind.TASK_FORCE]
    if forces:
        rows = [[u.org.short_name, "是" if u.head_attended else "否", "是" if u.reported else "否"] for u in forces]
        _para(doc, "一、专班负责人参会汇报情况", HT, 16)
        _table(doc, ["专班", "负责人参会", "作汇报"], rows)
    _para(doc, "二、各单位工作进展", HT, 16)
    for unit in units:
        _para(doc, f"{unit.org.short_name}：{unit.report}")
    if meeting.notes:
        _para(doc, "三、会议要求", HT, 16)
        _para(doc, meeting.notes)
    _para(doc, "四、议定事项", HT, 16)
    decisions = list(meeting.decisions.select_related("org"))
    _table(
        doc,
        ["序号", "事项", "责任单位", "完成时限", "完成情况"],
        [
            [i, d.text, d.org.short_name, f"{d.deadline:%Y-%m-%d}", d.done_note or "办理中"]
            for i, d in enumerate(decisions, 1)
        ],
    )
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
