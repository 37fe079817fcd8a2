"""The rating statistics' per-county rollup (lianxin/orgs/rollups.py explains the mechanism):
branches per star level and per star, from the per-village results. Nothing here depends on
the day."""

from django.db.models import Count, Q

from lianxin.orgs.rollups import Rollup
from lianxin.rating.models import CountyRatingRollup, VillageRating
from lianxin.standards.choices import Star

# figure -> (field, the values of it that count): the one rule that the county's recount in
# SQL and one result's tally in Python both read.
FIGURES = {
    "five": ("level", (5,)),
    "four": ("level", (4,)),
    "three": ("level", (3,)),
    "below": ("level", (1, 2)),
    **{f"star_{star}": (star, (True,)) for star in Star.values},
}


def rating_aggregates(today=None) -> dict:
    return {name: Count("pk", filter=Q(**{f"{field}__in": counted})) for name, (field, counted) in FIGURES.items()}


def tally(values: dict) -> dict:
    """What one result (its field values; empty for none) adds to its county's figures.
    Determining 焦作市's 2,024 applications read each village's figures twice through an ORM
    aggregate, before and after its change: a third of their time on PostgreSQL."""
    return {name: int(values.get(field) in counted) for name, (field, counted) in FIGURES.items()}


RATINGS = Rollup(
    model=CountyRatingRollup,
    # order_by(): the model orders by org__code, which alone would join orgs_org.
    rows=lambda: VillageRating.objects.order_by(),
    code_field="code",
    aggregates=rating_aggregates,
)
