"""What the project list puts on a workbench: the office sees demands waiting for money and
funds with a balance; a township its villages' demands under way. One query per card."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.plugins import Card
from lianxin.projects.choices import DemandStatus
from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.projects.plugin import Action

GROUP = gettext_lazy("项目清单")


def cards(user, today) -> list[Card]:
    out = []
    if user.can(Action.PROJECTS_MATCH):
        waiting = DemandProject.objects.restrict(user, Action.PROJECTS_MATCH).filter(funded=0)
        with_balance = SupplyProject.objects.restrict(user, Action.PROJECTS_MATCH).filter(allocated__lt=F("amount"))
        out += [
            Card(
                _("待匹配资金的需求项目"),
                waiting.count(),
                reverse("projects:demand_list") + "?unmatched=true",
                group=GROUP,
            ),
            Card(
                _("尚有余额的供给侧资金"),
                with_balance.count(),
                reverse("projects:supply_list") + "?unmatched=true",
                group=GROUP,
            ),
        ]
    if user.can(Action.PROJECTS_DEMAND):
        mine = DemandProject.objects.restrict(user, Action.PROJECTS_DEMAND)
        for status, title in (
            (DemandStatus.MATCHED, _("已匹配资金、待开工的项目")),
            (DemandStatus.UNDERWAY, _("实施中的项目")),
        ):
            url = reverse("projects:demand_list") + f"?status={status}"
            out.append(Card(title, mine.filter(status=status).count(), url, group=GROUP))
    return out
