"""Totals of the project list: money asked, matched and spent per village, township, star and
year (from the demands), and per source department (from the supply library). One grouped query
per view, whatever the number of projects."""

from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from lianxin.standards.choices import Star

BY = {
    "township": (_("乡镇（街道）"), ("org__parent__code", "org__parent__short_name")),
    "village": (_("村（社区）"), ("org__code", "org__short_name")),
    "star": (_("服务星"), ("star",)),
    "year": (_("年度"), ("year",)),
    "source": (_("来源部门"), ("department",)),
}
DEMAND_HEADER = [_("项目数"), _("需求金额（万元）"), _("已匹配（万元）"), _("已支出（万元）")]
SUPPLY_HEADER = [_("资金/项目数"), _("金额（万元）"), _("已匹配（万元）"), _("余额（万元）")]


def header(by: str) -> list:
    return [BY[by][0], *(SUPPLY_HEADER if by == "source" else DEMAND_HEADER)]


def _label(by: str, values: tuple) -> str:
    if by == "star":
        return str(Star(values[0]).label) if values[0] else "—"
    return str(values[-1])


def totals(demands, supplies, by: str) -> list[list]:
    """Rows of `header(by)`: `demands` and `supplies` are restricted querysets (one is read)."""
    fields = BY[by][1]
    if by == "source":
        grouped = (
            supplies.order_by()
            .values(*fields)
            .annotate(n=Count("pk"), a=Sum("amount"), b=Sum("allocated"), c=Sum(F("amount") - F("allocated")))
        )
    else:
        grouped = (
            demands.order_by()
            .values(*fields)
            .annotate(n=Count("pk"), a=Sum("amount_asked"), b=Sum("funded"), c=Sum("spent"))
        )
    rows = [[_label(by, tuple(row[f] for f in fields)), row["n"], row["a"], row["b"], row["c"]] for row in grouped]
    return sorted(rows, key=lambda r: -r[2])
