"""The township's live board: for any org, one line per child unit (township → villages,
county → townships, city → counties), each figure one grouped query over the code range, read
from the per-village summary rows where the raw rows would be many (architecture §5, §8), and
for a city or province seen whole from the per-county rollups (liaison/rollups.py). Seven
queries whatever the size, three from the rollups. Guidance's open findings are counted here
too (liaison depends on guidance, not the other way)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.excel import Percent
from lianxin.guidance.choices import FindingStatus
from lianxin.guidance.models import Finding
from lianxin.guidance.plugin import Action as GuidanceAction
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Consultation, Matter, VillageLiaison, VisitDay
from lianxin.liaison.plugin import Action
from lianxin.liaison.rollups import (
    LIAISON,
    STANDING,
    consultation_aggregates,
    last_30_days,
    matter_aggregates,
    summary_aggregates,
    this_month,
    visit_aggregates,
)
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import by_child
from lianxin.orgs.stats import counts_by_child

FIGURES = (
    "villages",
    "households",
    "linked",
    "members",
    "visits_7",
    "visits_30",
    "open",
    "overdue",
    "closed",
    "close_days",
    "satisfied",
    "basic",
    "unsatisfied",
    "consultations",
    "findings_open",
    "findings_overdue",
)


@dataclass
class BoardRow:
    code: str
    name: str
    figures: dict = field(default_factory=dict)

    def __getattr__(self, name):
        if name in FIGURES:
            return self.figures.get(name, 0)
        raise AttributeError(name)

    @property
    def coverage(self) -> float | None:
        return round(100 * self.linked / self.households, 1) if self.households else None

    @property
    def avg_days(self) -> float | None:
        return round(self.close_days / self.closed, 1) if self.closed else None

    @property
    def satisfaction(self) -> float | None:
        """满意 + 基本满意 as a share of rated matters."""
        rated = self.satisfied + self.basic + self.unsatisfied
        return round(100 * (self.satisfied + self.basic) / rated, 1) if rated else None


def board(user, org: Org, today: date) -> tuple[list[BoardRow], BoardRow]:
    """(one row per geographic child of `org` that `user` may see, the total row): every figure
    counted over what `user` may see (`restrict`). A city or province seen whole sums the
    per-county rollups (liaison/rollups.py); anything else groups the village rows."""
    view = Action.LIAISON_VIEW
    orgs = Org.objects.restrict(user, view)
    children = list(
        orgs.filter(parent=org, kind__in=GEOGRAPHIC_KINDS)
        .order_by("code")
        .values_list("code", "short_name", "grassroots")
    )
    rolled = by_child(LIAISON, user, view, org, [STANDING], today)
    if rolled is not None:
        parts = [
            {code: {"villages": villages} for code, _name, villages in children},
            {code: values for (code, _year), values in rolled.items()},
        ]
    else:
        parts = _counted(user, org, orgs, today)
    parts.append(_findings(user, org, today))
    rows = []
    for code, name, _villages in children:
        figures = {}
        for part in parts:
            figures.update({k: v or 0 for k, v in part.get(code, {}).items()})
        rows.append(BoardRow(code=code, name=name, figures=figures))
    total = BoardRow(
        code=org.code, name=_("合计"), figures={k: sum(r.figures.get(k, 0) for r in rows) for k in FIGURES}
    )
    return rows, total


def _counted(user, org: Org, orgs, today: date) -> list[dict]:
    """The figures the rollup holds, grouped from the village rows `user` may see: one grouped
    query per kind of row."""
    view = Action.LIAISON_VIEW
    return [
        counts_by_child(org, orgs.filter(kind__in=GRASSROOTS_KINDS), villages=Count("pk")),
        counts_by_child(org, VillageLiaison.objects.restrict(user, view), **summary_aggregates()),
        counts_by_child(
            org,
            VisitDay.objects.restrict(user, view).filter(last_30_days(today)),
            **visit_aggregates(today),
        ),
        counts_by_child(
            org,
            Matter.objects.restrict(user, view).filter(status=MatterStatus.OPEN),
            "org__code",
            **matter_aggregates(today),
        ),
        counts_by_child(
            org,
            Consultation.objects.restrict(user, view).filter(this_month(today)),
            "org__code",
            **consultation_aggregates(today),
        ),
    ]


def _findings(user, org: Org, today: date) -> dict:
    """Guidance's open findings, counted directly: few rows, and guidance may not import
    liaison to keep a rollup of them current."""
    return counts_by_child(
        org,
        Finding.objects.restrict(user, GuidanceAction.GUIDANCE_VIEW).exclude(status=FindingStatus.CONFIRMED),
        "org__code",
        findings_open=Count("pk"),
        findings_overdue=Count("pk", filter=Q(deadline__lt=today)),
    )


def charts(rows: list[BoardRow]) -> dict:
    labels = [r.name for r in rows]
    return {
        "coverage": {
            "title": _("联户覆盖（户）"),
            "labels": labels,
            "series": [
                {"name": _("已联户"), "data": [r.linked for r in rows]},
                {"name": _("未联户"), "data": [r.households - r.linked for r in rows]},
            ],
        },
        "activity": {
            "title": _("近30天走访（次）"),
            "labels": labels,
            "series": [
                {"name": _("近7天走访"), "data": [r.visits_7 for r in rows]},
                {"name": _("8–30天走访"), "data": [r.visits_30 - r.visits_7 for r in rows]},
            ],
        },
        "matters": {
            "title": _("在办诉求事项"),
            "labels": labels,
            "series": [
                {"name": _("超期"), "data": [r.overdue for r in rows]},
                {"name": _("未超期"), "data": [r.open - r.overdue for r in rows]},
            ],
        },
    }


EXPORT_HEADER = [
    gettext_lazy("代码"),
    gettext_lazy("名称"),
    gettext_lazy("村(社区)数"),
    gettext_lazy("户数"),
    gettext_lazy("已联户"),
    gettext_lazy("覆盖率"),
    gettext_lazy("党员数"),
    gettext_lazy("近7天走访"),
    gettext_lazy("近30天走访"),
    gettext_lazy("在办事项"),
    gettext_lazy("超期事项"),
    gettext_lazy("已办结"),
    gettext_lazy("平均办结天数"),
    gettext_lazy("满意率"),
    gettext_lazy("本月会商"),
    gettext_lazy("督导问题未销号"),
    gettext_lazy("督导问题超期"),
]


def export_rows(rows: list[BoardRow], total: BoardRow):
    for r in [*rows, total]:
        yield [
            r.code,
            r.name,
            r.villages,
            r.households,
            r.linked,
            Percent.of_hundred(r.coverage),
            r.members,
            r.visits_7,
            r.visits_30,
            r.open,
            r.overdue,
            r.closed,
            r.avg_days,
            Percent.of_hundred(r.satisfaction),
            r.consultations,
            r.findings_open,
            r.findings_overdue,
        ]
