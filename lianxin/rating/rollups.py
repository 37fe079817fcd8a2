"""The rating statistics' per-county rollup (lianxin/orgs/rollups.py explains the mechanism):
branches per star level and per star, from the per-village results. Nothing here depends on
the day."""

from django.db.models import Count, Q

from lianxin.orgs.rollups import Rollup
from lianxin.rating.models import CountyRatingRollup, VillageRating
from lianxin.standards.choices import Star


def rating_aggregates(today=None) -> dict:
    values = {
        "five": Count("pk", filter=Q(level=5)),
        "four": Count("pk", filter=Q(level=4)),
        "three": Count("pk", filter=Q(level=3)),
        "below": Count("pk", filter=Q(level__in=[1, 2])),
    }
    for star in Star.values:
        values[f"star_{star}"] = Count("pk", filter=Q(**{star: True}))
    return values


RATINGS = Rollup(
    model=CountyRatingRollup,
    # order_by(): the model orders by org__code, which alone would join orgs_org.
    rows=lambda: VillageRating.objects.order_by(),
    code_field="code",
    aggregates=rating_aggregates,
)
