"""The observation tours' indicator for the star standards (lianxin/core/indicators.py): a
village's mean observation score (季观摩) in a year, which the assessment dimension 特色亮点
can read. Each time the village was a site counts once, at the average of its participants'
sheets, so a tour with many scorers does not outweigh one with few. One query whatever the
number of villages; None for a village not observed (or observed but not scored) that year."""

from django.db.models import Avg
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.indicators import Indicator
from lianxin.rhythm.models import TourSite


def observation_score(codes: list[str], year: int) -> dict:
    averages: dict[str, list[float]] = {}
    sites = (
        TourSite.objects.filter(org__code__in=codes, tour__date__year=year)
        .annotate(average=Avg("scores__score"))
        .filter(average__isnull=False)
        .values_list("org__code", "average")
    )
    for code, average in sites:
        averages.setdefault(code, []).append(float(average))
    return {code: round(sum(found) / len(found), 1) if (found := averages.get(code)) else None for code in codes}


def _tours(code: str, year: int) -> str:
    return f"{reverse('rhythm:tour_list')}?place={code}&year={year}"


OBSERVATION_SCORE = Indicator(_("季度观摩平均得分"), _("分"), observation_score, _tours)
