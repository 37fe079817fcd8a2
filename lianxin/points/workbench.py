"""What waits on a village secretary or township: entries above the threshold to approve."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.plugins import Card
from lianxin.points.choices import EntryStatus
from lianxin.points.models import Entry
from lianxin.points.plugin import Action


def cards(user, today) -> list[Card]:
    if not user.can(Action.POINTS_APPROVE):
        return []
    count = (
        Entry.objects.restrict(user, Action.POINTS_APPROVE)
        .filter(status=EntryStatus.PENDING)
        .exclude(entered_by=user)
        .count()
    )
    url = f"{reverse('points:entry_list')}?status={EntryStatus.PENDING}"
    return [Card(_("待审核积分"), count, url, "warn" if count else "info", group=_("幸福积分"))]
