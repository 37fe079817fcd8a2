"""The weekly bulletin and the dispatch meeting's minutes as Word documents, through the core's
official-document builder (lianxin/core/documents.py: A4 after GB/T 9704-2012, red 版头, 小标宋
title, 仿宋 body). `sections()` is also what the bulletin's web page shows, so the page and the
document never say different things. A flagged rate is marked in words (低于底线 / 接近底线), which
a black-and-white printer keeps."""

from datetime import date

from lianxin.core.documents import OfficialDocument
from lianxin.orgs.choices import OrgKind
from lianxin.rhythm import keylists
from lianxin.rhythm.figures import RATES

FLAG_WORDS = {"red": "（低于底线）", "yellow": "（接近底线）"}


def _pct(value) -> str | None:
    return None if value is None else f"{value}%"


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
    rows, flags = [], []
    for place, unit in enumerate(ranked, 1):
        change = unit.get("change", {}).get("on_time")
        rows.append(
            [place, unit["name"], *(_pct(unit["rates"][k]) for k in RATES), "—" if change is None else f"{change:+}"]
        )
        flags.append([None, None, *(unit["flags"].get(k) for k in RATES), None])
    return [
        ("一、总体进展", {"text": overview}),
        (
            "二、各单位排名",
            {
                "text": [
                    f"按措施按期完成率排序。底线：{floors_text}；红色为低于底线，黄色为高出底线不足{floors['margin']}个百分点。"
                ],
                "table": (header, rows, flags),
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
        ("四、重点事项推进", keylists.section(figures.get("key_matters"), figures.get("kind") == OrgKind.CITY)),
        ("五、领导责任落实", {"text": _duty_text(figures.get("duties", []))}),
    ]


def _duty_text(duties: list[dict]) -> list[str]:
    if not duties:
        return ["尚未设置领导责任事项。"]
    missed = [d for d in duties if d["state"] == "missed"]
    return [
        f"{d['holder']}“{d['title']}”（{d['frequency']}）上一周期未落实，最近一次：{d['last_done'] or '无记录'}。"
        for d in missed
    ] or ["各项领导责任均按期落实。"]


def _marked(value, flag) -> str:
    return "—" if value is None else f"{value}{FLAG_WORDS.get(flag or '', '')}"


def bulletin_docx(bulletin) -> bytes:
    figures = bulletin.figures
    document = OfficialDocument(
        f"五星支部创建工作进展情况通报（{figures['week_start']}至{figures['week_end']}）",
        organ=f"{bulletin.org.short_name}五星支部创建工作通报",
        number=f"{bulletin.week_start.year}年第{bulletin.number}期",
    )
    for heading, body in sections(figures):
        document.heading(heading)
        for text in body.get("text", []):
            document.paragraph(text)
        if "table" in body:
            header, rows, flags = body["table"]
            marked = [
                [
                    "—" if v is None else f"{v}{FLAG_WORDS.get(flag or '', '')}"
                    for v, flag in zip(row, row_flags, strict=True)
                ]
                for row, row_flags in zip(rows, flags, strict=True)
            ]
            document.table(header, marked)
    document.signature(f"{bulletin.org.short_name}五星支部创建工作办公室", date.today())
    return document.content()


def minutes_docx(meeting) -> bytes:
    """月调度会 minutes: who chaired, which units attended and reported, each unit's report, and
    the decisions with owners and deadlines."""
    document = OfficialDocument(meeting.title, organ=f"{meeting.org.short_name}五星支部创建工作会议纪要")
    units = list(meeting.units.select_related("org"))
    present = [u.org.short_name for u in units if u.attended]
    absent = [u.org.short_name for u in units if not u.attended]
    document.paragraph(
        f"{meeting.date:%Y年%m月%d日}，{meeting.chair}主持召开{meeting.title}。参会单位：{'、'.join(present) or '无'}。"
    )
    if absent:
        document.paragraph(f"未参会单位：{'、'.join(absent)}。")
    forces = [u for u in units if u.org.kind == OrgKind.TASK_FORCE]
    if forces:
        document.heading("一、专班负责人参会汇报情况")
        rows = [[u.org.short_name, "是" if u.head_attended else "否", "是" if u.reported else "否"] for u in forces]
        document.table(["专班", "负责人参会", "作汇报"], rows)
    document.heading("二、各单位工作进展")
    for unit in units:
        document.paragraph(f"{unit.org.short_name}：{unit.report}")
    if meeting.notes:
        document.heading("三、会议要求")
        document.paragraph(meeting.notes)
    document.heading("四、议定事项")
    decisions = list(meeting.decisions.select_related("org"))
    document.table(
        ["序号", "事项", "责任单位", "完成时限", "完成情况"],
        [
            [i, d.text, d.org.short_name, f"{d.deadline:%Y-%m-%d}", d.done_note or "办理中"]
            for i, d in enumerate(decisions, 1)
        ],
    )
    return document.content()
