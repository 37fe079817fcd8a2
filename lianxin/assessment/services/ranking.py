"""Rankings of a period: every score of the period ranked among the county's subjects of its
kind and, for village secretaries and star leaders, within their township (equal totals share
a place: 1, 1, 3), with the places gained since the previous period. Kept on the scores when
the period closes or the office refreshes it, so that a ranking page of any size is one sorted,
paginated query (and its export streams the same rows)."""

from collections import defaultdict

from django.db import transaction

from lianxin.assessment.choices import COUNTY_SCORED, PeriodKind
from lianxin.assessment.models import Period, Score
from lianxin.assessment.plugin import Action
from lianxin.audit.services import Actor, record
from lianxin.core.permissions import require
from lianxin.orgs.choices import OrgLevel, ancestor_code


def previous_period(period: Period) -> Period | None:
    """The period before: the month or quarter before, else last year's last one of the kind
    (for the year period, last year's)."""
    before = Period.objects.filter(scheme__org_id=period.scheme.org_id, kind=period.kind)
    if period.kind != PeriodKind.YEAR and period.number > 1:
        return before.filter(scheme_id=period.scheme_id, number=period.number - 1).first()
    return before.filter(scheme__year=period.scheme.year - 1).order_by("-number").first()


def _places(rows: list[tuple[int, object]]) -> dict[int, int]:
    """Competition ranking of (pk, total) pairs, highest first."""
    places, ordered = {}, sorted(rows, key=lambda r: r[1], reverse=True)
    for index, (pk, total) in enumerate(ordered):
        places[pk] = places[ordered[index - 1][0]] if index and ordered[index - 1][1] == total else index + 1
    return places


def rank_period(period: Period) -> int:
    """Rank every score of the period (the caller has checked the actor and holds the lock)."""
    scores = list(
        Score.objects.filter(period=period).select_related("org").only("pk", "kind", "total", "subject_id", "org__code")
    )
    previous = previous_period(period)
    before = dict(Score.objects.filter(period=previous).values_list("subject_id", "county_rank")) if previous else {}
    county, township = defaultdict(list), defaultdict(list)
    for s in scores:
        county[s.kind].append((s.pk, s.total))
        if s.kind not in COUNTY_SCORED:
            township[(s.kind, ancestor_code(s.org.code, OrgLevel.TOWNSHIP))].append((s.pk, s.total))
    county_places = {pk: place for rows in county.values() for pk, place in _places(rows).items()}
    township_places = {pk: place for rows in township.values() for pk, place in _places(rows).items()}
    for s in scores:
        s.county_rank, s.township_rank = county_places[s.pk], township_places.get(s.pk)
        was = before.get(s.subject_id)
        s.movement = was - s.county_rank if was else None
    Score.objects.bulk_update(scores, ["county_rank", "township_rank", "movement"], batch_size=500)
    return len(scores)


@transaction.atomic
def refresh_ranking(actor: Actor, period: Period) -> int:
    """The office ranks an open period as it stands (a closed one was ranked when it closed)."""
    period = Period.objects.select_for_update().select_related("scheme__org").get(pk=period.pk)
    require(actor, Action.ASSESSMENT_MANAGE, period.scheme.org.code)
    count = rank_period(period)
    record(actor, "assessment.ranking.refresh", obj=period, org_code=period.scheme.org.code, after={"ranked": count})
    return count
