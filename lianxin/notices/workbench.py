"""What notices put on a workbench: the user's unread notices, and the replies their units
still owe (those past the deadline in red). Three queries whatever the data."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.plugins import Card
from lianxin.notices.choices import ReplyKind
from lianxin.notices.models import NoticeReceipt, NoticeUnit
from lianxin.notices.plugin import Action


def cards(user, today) -> list[Card]:
    if not user.can(Action.NOTICES_READ):
        return []
    inbox = reverse("notices:inbox")
    unread = NoticeReceipt.objects.filter(user=user, read_at__isnull=True).count()
    due = (
        NoticeUnit.objects.filter(receipts__user=user, replied_at__isnull=True)
        .exclude(notice__reply=ReplyKind.NONE)
        .aggregate(n=Count("pk", distinct=True), late=Count("pk", distinct=True, filter=Q(notice__deadline__lt=today)))
    )
    group = _("通知")
    return [
        Card(_("未读通知"), unread, f"{inbox}?status=unread", "warn" if unread else "info", group=group),
        Card(
            _("待回复通知"),
            due["n"],
            f"{inbox}?status=reply_due",
            "danger" if due["late"] else ("warn" if due["n"] else "info"),
            _("%(n)d 条已过时限") % {"n": due["late"]} if due["late"] else "",
            group,
        ),
    ]
