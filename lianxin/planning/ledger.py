"""The village ledger (台账) as the workbook a clerk prints and files: a cover to sign and
stamp (village, township, year, target stars, secretary, dates, 村党组织书记（签字）and 乡镇审核
（盖章）), then one sheet per star listing each measure with its reports and status, on A4
landscape with its title and header on every page (core/xlsx_layout.py). A township's or
county's ledger has many villages: its first sheet is a table of them instead of a cover."""

from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from lianxin.core.excel import FormSheet, Heading, Percent, workbook_bytes
from lianxin.planning.choices import MeasureStatus
from lianxin.planning.models import CreationPlan, Measure, ProgressReport
from lianxin.registers.models import PartyMember
from lianxin.standards.choices import Star

COVER_HEADER = ["村（社区）", "代码", "年度", "目标星级", "规划状态", "措施数", "已完成", "已逾期"]
MEASURE_HEADER = [
    "序号",
    "工作项",
    "措施内容",
    "时间节点",
    "责任人",
    "职务",
    "领星人",
    "预算（元）",
    "进度",
    "状态",
    "进展记录",
]


def plans_for_ledger(plans):
    reports = Prefetch("reports", queryset=ProgressReport.objects.order_by("date", "id"))
    measures = Prefetch("measures", queryset=Measure.objects.select_related("work_item").prefetch_related(reports))
    return plans.select_related("org__parent").prefetch_related(measures, "stars")


SIGNATURES = ["村党组织书记（签字）：", "乡镇审核（盖章）："]
LEVELS = {0: "未定", 1: "一星", 2: "二星", 3: "三星", 4: "四星", 5: "五星"}


def ledger_workbook(plans, today: date, heading: Heading) -> bytes:
    """One workbook for one or many plans (a county's export puts every village in it);
    `heading` names the jurisdiction and year of the title rows."""
    plans = list(plans_for_ledger(CreationPlan.objects.filter(pk__in=[p.pk for p in plans])))
    if len(plans) == 1:
        sheets = [_cover(plans[0], today)]
    else:
        sheets = [("汇总", COVER_HEADER, (_cover_row(p, today) for p in plans))]
    for star in Star:
        rows = [row for plan in plans for row in _measure_rows(plan, star, today, len(plans) > 1)]
        sheets.append((str(star.label), (["村（社区）"] if len(plans) > 1 else []) + MEASURE_HEADER, rows))
    return workbook_bytes(sheets, heading)


def _cover(plan, today) -> FormSheet:
    measures = list(plan.measures.all())
    statuses = [m.status_on(today) for m in measures]
    targeted = [str(Star(s.star).label) for s in plan.stars.all() if s.targeted]
    township = plan.org.parent.short_name if plan.org.parent else ""
    fields = [
        ("村（社区）", plan.org.short_name),
        ("所属乡镇（街道）", township),
        ("年度", f"{plan.year}年"),
        ("目标星级", LEVELS.get(plan.target_level, plan.target_level)),
        ("创建的星", "、".join(targeted) or "—"),
        ("村党组织书记", _secretary(plan.org)),
        ("规划状态", str(plan.get_status_display())),
        ("提交日期", _day(plan.submitted_at)),
        ("乡镇审核日期", _day(plan.reviewed_at)),
        (
            "措施",
            f"共 {len(measures)} 项，已完成 {statuses.count(MeasureStatus.DONE)} 项，"
            f"已逾期 {statuses.count(MeasureStatus.OVERDUE)} 项",
        ),
        ("台账日期", f"{today:%Y年%m月%d日}"),
    ]
    return FormSheet("封面", f"{plan.org.short_name}{plan.year}年度“五星支部”创星台账", fields, SIGNATURES)


def _secretary(org) -> str:
    """The branch secretary from the register (党内职务 书记); blank to fill in by hand."""
    member = PartyMember.objects.filter(org=org, post__contains="书记").exclude(post__contains="副").first()
    return member.name if member else ""


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%Y年%m月%d日}" if moment else ""


def _cover_row(plan, today):
    measures = list(plan.measures.all())
    statuses = [m.status_on(today) for m in measures]
    return [
        plan.org.short_name,
        plan.org.code,
        plan.year,
        plan.target_level,
        str(plan.get_status_display()),
        len(measures),
        statuses.count(MeasureStatus.DONE),
        statuses.count(MeasureStatus.OVERDUE),
    ]


def _measure_rows(plan, star, today, with_village):
    number = 0
    for measure in plan.measures.all():
        if measure.star != star.value:
            continue
        number += 1
        reports = "\n".join(f"{r.date:%Y-%m-%d} {r.progress}% {r.text}" for r in measure.reports.all())
        row = [
            number,
            str(measure.work_item or ""),
            measure.description,
            measure.deadline,
            measure.responsible_name,
            measure.responsible_post,
            measure.star_leader,
            float(measure.budget) if measure.budget is not None else None,
            Percent.of_hundred(measure.progress),
            str(MeasureStatus(measure.status_on(today)).label),
            reports,
        ]
        yield ([plan.org.short_name] if with_village else []) + row
