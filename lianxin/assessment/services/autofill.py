"""Points that come from data, not from a scorer (marked `auto` on the item score): the head's
attendance at a task force's monthly meetings in the period, the subject's knowledge tests in
the period, and a computed indicator of the core's registry for the subject's org and the
period's year (issue 14: the observation results feed 特色亮点). Each is a share (0–1) of the
item's max points."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from lianxin.assessment.choices import AutoSource
from lianxin.assessment.models import Attempt, Meeting, Period, ScoringItem, Subject
from lianxin.core import indicators


def meeting_share(item: ScoringItem, subject: Subject, period: Period) -> Decimal:
    """Meetings the head attended over the meetings held in the period (none held: 0)."""
    counts = Meeting.objects.filter(org=subject.org, date__range=(period.start, period.end)).aggregate(
        held=Count("id"), attended=Count("id", filter=Q(head_attended=True))
    )
    return Decimal(counts["attended"]) / counts["held"] if counts["held"] else Decimal(0)


def knowledge_share(item: ScoringItem, subject: Subject, period: Period) -> Decimal:
    """The subject's mean graded test result in the period, as a share of full marks."""
    if subject.user_id is None:
        return Decimal(0)
    mean = Attempt.objects.filter(user_id=subject.user_id, graded_at__date__range=(period.start, period.end)).aggregate(
        mean=Avg("percent")
    )["mean"]
    return Decimal(str(mean)) / 100 if mean is not None else Decimal(0)


def indicator_share(item: ScoringItem, subject: Subject, period: Period) -> Decimal:
    """The indicator's value for the subject's org in the period's year, read on a 0–100 scale
    (the indicators an item names are scores or percentages, like the observation score):
    value / 100, kept within 0–1. No value (nothing measured, an org the indicator does not
    cover, or an indicator no longer installed): 0; a scorer never types it in."""
    indicator = indicators.registry().get(item.indicator_code)
    if indicator is None:
        return Decimal(0)
    value = indicator.compute([subject.org.code], period.scheme.year).get(subject.org.code)
    if value is None:
        return Decimal(0)
    return min(max(Decimal(str(value)) / 100, Decimal(0)), Decimal(1))


SOURCES = {
    AutoSource.MEETING: meeting_share,
    AutoSource.KNOWLEDGE: knowledge_share,
    AutoSource.INDICATOR: indicator_share,
}


def auto_points(item: ScoringItem, subject: Subject, period: Period) -> Decimal:
    share = SOURCES[item.auto_source](item, subject, period)
    return (item.max_points * share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
