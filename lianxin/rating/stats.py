"""Star statistics per jurisdiction and year, read from the per-village result rows with one
GROUP BY over the code range (architecture §5): the query count does not grow with the data.
The rows carry their village's code, so the range scan and grouping need no join.

Every function takes the user the figures are for and reads only rows that user may see
(`restrict(user, rating.view)`), so a caller cannot count outside the user's scope by forgetting
to check the org first."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.excel import Percent
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import by_child
from lianxin.orgs.stats import counts_by_child
from lianxin.rating.models import VillageRating
from lianxin.rating.plugin import Action
from lianxin.rating.rollups import RATINGS, rating_aggregates
from lianxin.standards.choices import Star

LEVEL_KEYS = ("five", "four", "three", "below")


@dataclass
class Row:
    code: str
    name: str
    branches: int = 0
    five: int = 0
    four: int = 0
    three: int = 0
    below: int = 0  # one or two stars
    stars: dict = field(default_factory=dict)
    last: dict = field(default_factory=dict)  # last year's five / four / three_up

    @property
    def three_up(self) -> int:
        return self.five + self.four + self.three

    @property
    def share(self) -> float | None:
        return round(100 * self.three_up / self.branches, 1) if self.branches else None

    @property
    def last_share(self) -> float | None:
        return round(100 * self.last.get("three_up", 0) / self.branches, 1) if self.branches else None


def latest_year(user, org: Org) -> int | None:
    """The most recent year with determined results under `org` (one indexed query)."""
    return (
        VillageRating.objects.restrict(user, Action.RATING_VIEW)
        .filter(prefix_q(org.code), year__lte=timezone.localdate().year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def rating_stats(user, org: Org, year: int) -> dict:
    """Rows per child unit (township for a county, county for a city …) and the total."""
    if org.level >= OrgLevel.VILLAGE or not org.is_geographic:
        raise ValueError("statistics are per jurisdiction")
    orgs = Org.objects.restrict(user, Action.RATING_VIEW)
    children = list(
        orgs.filter(parent=org, kind__in=GEOGRAPHIC_KINDS)
        .order_by("code")
        .values_list("code", "short_name", "grassroots")
    )
    # A city or the province, seen whole: summed from the per-county rollups (one query).
    grouped = by_child(RATINGS, user, Action.RATING_VIEW, org, [year, year - 1], timezone.localdate())
    if grouped is not None:
        branches = {code: stored for code, _name, stored in children}
    else:
        counted = counts_by_child(org, orgs.filter(kind__in=GRASSROOTS_KINDS), n=Count("pk"))
        branches = {code: counted.get(code, {}).get("n", 0) for code, _name, _stored in children}
        ratings = RATINGS.rows().restrict(user, Action.RATING_VIEW).filter(year__in=[year, year - 1])
        grouped = counts_by_child(org, ratings, per=("year",), **rating_aggregates())
    rows = []
    for code, name, _stored in children:
        now, last = grouped.get((code, year), {}), grouped.get((code, year - 1), {})
        count = branches[code]
        row = Row(code=code, name=name, branches=count, **{k: now.get(k, 0) for k in LEVEL_KEYS})
        row.stars = {s: now.get(f"star_{s}", 0) for s in Star.values}
        row.last = {
            "five": last.get("five", 0),
            "four": last.get("four", 0),
            "three_up": sum(last.get(k, 0) for k in ("five", "four", "three")),
        }
        rows.append(row)
    total = Row(code=org.code, name=org.short_name, branches=sum(r.branches for r in rows))
    for key in LEVEL_KEYS:
        setattr(total, key, sum(getattr(r, key) for r in rows))
    total.stars = {s: sum(r.stars[s] for r in rows) for s in Star.values}
    total.last = {k: sum(r.last[k] for r in rows) for k in ("five", "four", "three_up")}
    return {"rows": rows, "total": total, "year": year}


def chart_spec(stats: dict) -> dict:
    rows = stats["rows"]
    return {
        "title": _("各单位星级分布"),
        "labels": [r.name for r in rows],
        "series": [
            {"name": _("五星"), "data": [r.five for r in rows]},
            {"name": _("四星"), "data": [r.four for r in rows]},
            {"name": _("三星"), "data": [r.three for r in rows]},
            {"name": _("一至二星"), "data": [r.below for r in rows]},
        ],
    }


def star_chart_spec(stats: dict) -> dict:
    total = stats["total"]
    return {
        "title": _("各星达标村（社区）数"),
        "labels": [str(s.label)[:2] for s in Star],
        "series": [{"name": str(stats["year"]), "data": [total.stars[s] for s in Star.values]}],
    }


def header() -> list[str]:
    """The export's header, in the language of the request (built per call, not at import)."""
    return [
        _("单位"),
        _("代码"),
        _("村（社区）数"),
        _("五星"),
        _("四星"),
        _("三星"),
        _("一至二星"),
        _("三星以上"),
        _("三星以上占比"),
        *[str(s.label) for s in Star],
        _("上年五星"),
        _("上年四星"),
        _("上年三星以上"),
    ]


def export_rows(stats: dict):
    for r in [*stats["rows"], stats["total"]]:
        yield [
            r.name,
            r.code,
            r.branches,
            r.five,
            r.four,
            r.three,
            r.below,
            r.three_up,
            Percent.of_hundred(r.share),
            *[r.stars[s] for s in Star.values],
            r.last["five"],
            r.last["four"],
            r.last["three_up"],
        ]
