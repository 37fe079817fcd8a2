"""What waits on a village or township: disputes past their time limit, and last month's
three-zero report not yet filed."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.civic.choices import DisputeStatus
from lianxin.civic.models import Dispute, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.core.plugins import Card
from lianxin.registers.forms import villages_for


def cards(user, today) -> list[Card]:
    if not user.can(Action.CIVIC_MEDIATE):
        return []
    overdue = (
        Dispute.objects.restrict(user, Action.CIVIC_MEDIATE)
        .filter(status=DisputeStatus.MEDIATING, deadline__lt=today)
        .count()
    )
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    filed = ZeroReport.objects.restrict(user, Action.CIVIC_MEDIATE).filter(month=last_month)
    missing = villages_for(user, Action.CIVIC_MEDIATE).exclude(pk__in=filed.values("org_id")).count()
    group = _("平安法治")
    return [
        Card(
            _("超期纠纷"),
            overdue,
            f"{reverse('civic:dispute_list')}?overdue=true",
            "danger" if overdue else "info",
            group=group,
        ),
        Card(_("上月“三零”未填报"), missing, reverse("civic:zero_create"), "warn" if missing else "info", group=group),
    ]
