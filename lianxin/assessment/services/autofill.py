"""Points that come from data, not from a scorer (marked `auto` on the item score): the head's
attendance at a task force's monthly meetings in the period, and the subject's knowledge tests
in the period. Each is a share (0–1) of the item's max points."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from lianxin.assessment.choices import AutoSource
from lianxin.assessment.models import Attempt, Meeting, Period, ScoringItem, Subject


def meeting_share(subject: Subject, period: Period) -> Decimal:
    """Meetings the head attended over the meetings held in the period (none held: 0)."""
    counts = Meeting.objects.filter(org=subject.org, date__range=(period.start, period.end)).aggregate(
        held=Count("id"), attended=Count("id", filter=Q(head_attended=True))
    )
    return Decimal(counts["attended"]) / counts["held"] if counts["held"] else Decimal(0)


def knowledge_share(subject: Subject, period: Period) -> Decimal:
    """The subject's mean graded test result in the period, as a share of full marks."""
    if subject.user_id is None:
        return Decimal(0)
    mean = Attempt.objects.filter(user_id=subject.user_id, graded_at__date__range=(period.start, period.end)).aggregate(
        mean=Avg("percent")
    )["mean"]
    return Decimal(str(mean)) / 100 if mean is not None else Decimal(0)


SOURCES = {AutoSource.MEETING: meeting_share, AutoSource.KNOWLEDGE: knowledge_share}


def auto_points(item: ScoringItem, subject: Subject, period: Period) -> Decimal:
    share = SOURCES[item.auto_source](subject, period)
    return (item.max_points * share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
