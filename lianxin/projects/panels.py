"""The project list's panel on a village's battle map (挂图作战, issue 12): the village's funded
projects for the year — each demand the county matched money to, where the money came from,
the star and work item it serves, what was matched and spent and how far it has got — with the
totals, linking to the demand list filtered to exactly these rows. Two queries whatever the
number of projects: the demands, then their allocations with the funds."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from lianxin.core.panels import Column, Panel, Row
from lianxin.core.permissions import can_at
from lianxin.projects.choices import DemandStatus
from lianxin.projects.models import Allocation, DemandProject
from lianxin.projects.plugin import Action


def funded_projects(user, village, year: int) -> Panel | None:
    """None when `user` may not read the project list at `village`."""
    if not can_at(user, Action.PROJECTS_VIEW, village.code):
        return None
    allocations = Allocation.objects.select_related("supply").order_by("id")
    demands = list(
        DemandProject.objects.restrict(user, Action.PROJECTS_VIEW)
        .filter(org_id=village.pk, year=year, funded__gt=0)
        .prefetch_related(Prefetch("allocations", queryset=allocations))
        .order_by("priority", "id")
    )
    rows = tuple(
        Row((d.title, _sources(d), _served(d), d.funded, d.spent, _state(d)), d.get_absolute_url()) for d in demands
    )
    query = urlencode({"place": village.code, "year": year, "unmatched": "false"})
    return Panel(
        title=_("本村已匹配资金的项目（金额：万元）"),
        columns=(
            Column(_("项目")),
            Column(_("资金来源"), on_phones=False),
            Column(_("服务星 · 工作项"), on_phones=False),
            Column(_("已匹配"), numeric=True),
            Column(_("已支出"), numeric=True),
            Column(_("进度")),
        ),
        rows=rows,
        url=f"{reverse('projects:demand_list')}?{query}",
        link_text=_("本村全部项目"),
        empty=_("%(year)d 年本村还没有匹配到资金的项目。") % {"year": year},
        total=(
            _("合计 %(n)d 个项目") % {"n": len(demands)},
            "",
            "",
            sum((d.funded for d in demands), start=0),
            sum((d.spent for d in demands), start=0),
            "",
        ),
    )


def _sources(demand: DemandProject) -> str:
    return "；".join(f"{a.supply.department} · {a.supply.fund_name}" for a in demand.allocations.all())


def _served(demand: DemandProject) -> str:
    star = demand.get_star_display()
    return f"{star} · {demand.work_item}" if demand.work_item else star


def _state(demand: DemandProject) -> str:
    state = demand.get_status_display()
    if demand.status == DemandStatus.DONE and demand.completed_on:
        return f"{state}（{demand.completed_on:%Y-%m-%d}）"
    if demand.progress:
        return f"{state}：{Truncator(demand.progress).chars(30)}"
    return state
