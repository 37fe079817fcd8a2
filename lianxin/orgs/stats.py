"""Counts over the tree, each one grouped query over a code range (architecture §5, §8).

Every count takes the user it is for and counts only what that user may see (`restrict`), so a
caller cannot count outside a user's scope by forgetting to check the org first."""

from django.db.models import Count, Q
from django.db.models.functions import Substr

from lianxin.accounts.roles import Action
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import CODE_LENGTH, GEOGRAPHIC_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org


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
    child_length = CODE_LENGTH[OrgLevel(org.level + 1)]
    grouped = (
        visible.filter(prefix_q(org.code), level__gt=org.level + 1)
        .annotate(prefix=Substr("code", 1, child_length))
        .values("prefix")
        .annotate(
            units=Count("pk", filter=Q(level=org.level + 2, kind__in=GEOGRAPHIC_KINDS)),
            villages=Count("pk", filter=Q(kind=OrgKind.VILLAGE)),
            communities=Count("pk", filter=Q(kind=OrgKind.COMMUNITY)),
        )
    )
    counts = {g["prefix"]: g for g in grouped}
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
