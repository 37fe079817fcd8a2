"""The village ledger (台账) as the workbook a clerk prints and files: a cover sheet, then one
sheet per star listing each measure with its reports and status."""

from datetime import date

from django.db.models import Prefetch

from lianxin.core.excel import workbook_bytes
from lianxin.planning.choices import MeasureStatus
from lianxin.planning.models import CreationPlan, Measure, ProgressReport
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
    "进度（%）",
    "状态",
    "进展记录",
]


def plans_for_ledger(plans):
    reports = Prefetch("reports", queryset=ProgressReport.objects.order_by("date", "id"))
    measures = Prefetch("measures", queryset=Measure.objects.select_related("work_item").prefetch_related(reports))
    return plans.select_related("org").prefetch_related(measures)


def ledger_workbook(plans, today: date) -> bytes:
    """One workbook for one or many plans (a county's export puts every village in it)."""
    plans = list(plans_for_ledger(CreationPlan.objects.filter(pk__in=[p.pk for p in plans])))
    cover = (_cover_row(p, today) for p in plans)
    sheets = [("封面", COVER_HEADER, cover)]
    for star in Star:
        rows = [row for plan in plans for row in _measure_rows(plan, star, today, len(plans) > 1)]
        sheets.append((str(star.label), (["村（社区）"] if len(plans) > 1 else []) + MEASURE_HEADER, rows))
    return workbook_bytes(sheets)


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
            measure.progress,
            str(MeasureStatus(measure.status_on(today)).label),
            reports,
        ]
        yield ([plan.org.short_name] if with_village else []) + row
