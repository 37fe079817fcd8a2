"""What waits on a village branch: this month's 主题党日, until it is recorded."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.branchlife.choices import MeetingKind
from lianxin.branchlife.models import Meeting
from lianxin.branchlife.plugin import Action
from lianxin.core.plugins import Card
from lianxin.registers.forms import villages_for


def cards(user, today) -> list[Card]:
    if not user.can(Action.BRANCHLIFE_RECORD):
        return []
    held = Meeting.objects.restrict(user, Action.BRANCHLIFE_RECORD).filter(
        kind=MeetingKind.THEME_DAY, date__gte=today.replace(day=1), date__lte=today
    )
    missing = villages_for(user, Action.BRANCHLIFE_RECORD).exclude(pk__in=held.values("org_id")).count()
    url = f"{reverse('branchlife:meeting_list')}?kind={MeetingKind.THEME_DAY}&year={today.year}"
    return [Card(_("本月主题党日未记录"), missing, url, "warn" if missing else "info", group=_("支部建设"))]
