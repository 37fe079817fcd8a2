"""Notices (通知): a county, city or township sends a notice down to chosen lower units — by the
kind of unit (all villages, the townships) and the roles of the people there — with text,
attachments, a deadline and, when asked for, a reply or a file to return. Recipients are written
down per unit and per person when the notice is sent, so a read receipt is a row: the sender
sees who has read and replied, per unit, and reminds the rest through the bell.

- read: every business role reads the notices addressed to it and replies for its unit.
- send: the county or city office and the township send notices, follow their receipts,
  export them and remind.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    NOTICES_READ = "notices.read"
    NOTICES_SEND = "notices.send"


RHYTHM = Section(_("工作调度"), 20)

PLUGIN = AppPlugin(
    actions={
        Action.NOTICES_READ: BUSINESS_ROLES,
        Action.NOTICES_SEND: frozenset({Role.OFFICE, Role.TOWNSHIP}),
    },
    nav=(
        NavItem(_("收到的通知"), "notices:inbox", "envelope", Action.NOTICES_READ, RHYTHM),
        NavItem(_("发出的通知"), "notices:list", "send", Action.NOTICES_SEND, RHYTHM),
    ),
    audit_labels={
        "notices.notice.send": Label("发送通知", "Send notice"),
        "notices.notice.remind": Label("催办通知", "Remind notice recipients"),
        "notices.unit.reply": Label("回复通知", "Reply to notice"),
    },
    demo="lianxin.notices.demo.load",
    test_cases="lianxin.notices.tests.cases",
    api="lianxin.notices.api",
    workbench="lianxin.notices.workbench.cards",
)
