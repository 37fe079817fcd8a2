"""Counts over the tree, each one grouped query over a code range (architecture §5, §8).

`counts_by_child` is the one shape every dashboard shares (home, battle map, rating statistics,
the liaison board): rows under an org, grouped by the code prefix of the child level, so one
query answers for every child unit whatever the size of the tree.

Every count takes the user it is for and counts only what that user may see (`restrict`), so a
caller cannot count outside a user's scope by forgetting to check the org first; `counts_by_child`
takes rows already restricted."""

from django.db.models import Count, Q
from django.db.models.functions import Substr

from lianxin.accounts.roles import Action
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import CODE_LENGTH, GEOGRAPHIC_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org


def counts_by_child(
    org: Org, rows, code_field: str = "code", per: tuple[str, ...] = (), level: int | None = None, **aggregates
) -> dict:
    """`aggregates` over the `rows` under `org`, per child unit: the child's code (with the values
    of the `per` fields, as a tuple) -> {aggregate name: value}. `code_field` is the path from a
    row to its division code. One GROUP BY on `Substr(code_field, 1, child code length)` over the
    org's code range; children without rows are absent. `level`: group by the units of that level
    instead of the children (the county rollups group a whole province by county)."""
    length = CODE_LENGTH[OrgLevel(level or org.level + 1)]
    grouped = (
        rows.filter(prefix_q(org.code, code_field))
        .annotate(prefix=Substr(code_field, 1, length))
        .values("prefix", *per)
        .annotate(**aggregates)
        .order_by()
    )
    found = {}
    for row in grouped:
        prefix = row.pop("prefix")
        found[(prefix, *(row.pop(name) for name in per)) if per else prefix] = row
    return found


def child_summary(user, org: Org) -> list[dict]:
    """For each geographic child of `org` in `user`'s scope: its own child units, villages and
    communities.

    Two queries whatever the size: the children, and one GROUP BY over the code range.
    """
    if org.is_unit or org.level >= OrgLevel.VILLAGE:
        return []
    visible = Org.objects.restrict(user, Action.ORGS_VIEW)
    children = list(visible.filter(parent=org, kind__in=GEOGRAPHIC_KINDS).order_by("code"))
    if org.level + 1 == OrgLevel.VILLAGE:
        return [
            _row(child, 0, int(child.kind == OrgKind.VILLAGE), int(child.kind == OrgKind.COMMUNITY))
            for child in children
        ]
    counts = counts_by_child(
        org,
        visible.filter(level__gt=org.level + 1),
        units=Count("pk", filter=Q(level=org.level + 2, kind__in=GEOGRAPHIC_KINDS)),
        villages=Count("pk", filter=Q(kind=OrgKind.VILLAGE)),
        communities=Count("pk", filter=Q(kind=OrgKind.COMMUNITY)),
    )
    empty = {"units": 0, "villages": 0, "communities": 0}
    return [
        _row(child, c["units"], c["villages"], c["communities"])
        for child in children
        for c in [counts.get(child.code, empty)]
    ]


def _row(org, units, villages, communities):
    return {"org": org, "units": units, "villages": villages, "communities": communities}


def totals(rows: list[dict]) -> dict:
    return {key: sum(r[key] for r in rows) for key in ("units", "villages", "communities")}
