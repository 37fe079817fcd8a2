"""What the training list puts on a workbench: a lecturer's dispatched trainings to accept and
accepted ones to hold (the lecturer's own workbench); the office's orders waiting for a
lecturer; a township's orders under way; a secretary's questionnaires to answer. One query per
card."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.plugins import Card
from lianxin.training.choices import OrderStatus
from lianxin.training.models import Recipient, TrainingOrder
from lianxin.training.plugin import Action

GROUP = gettext_lazy("培训清单")


def _orders(user, action, status, title, *, mine=False) -> Card:
    rows = TrainingOrder.objects.restrict(user, action).filter(status=status)
    url = reverse("training:order_list") + f"?status={status}"
    if mine:
        rows, url = rows.filter(lecturer=user), url + "&mine=true"
    return Card(title, rows.count(), url, tone="warn" if mine else "info", group=GROUP)


def cards(user, today) -> list[Card]:
    out = []
    if user.can(Action.TRAINING_LECTURE):
        out.append(_orders(user, Action.TRAINING_LECTURE, OrderStatus.DISPATCHED, _("待接单的培训"), mine=True))
        out.append(_orders(user, Action.TRAINING_LECTURE, OrderStatus.ACCEPTED, _("已接单待举办的培训"), mine=True))
    if user.can(Action.TRAINING_DISPATCH):
        out.append(_orders(user, Action.TRAINING_DISPATCH, OrderStatus.ORDERED, _("待派单的培训点单")))
    if user.can(Action.TRAINING_ORDER):
        out.append(_orders(user, Action.TRAINING_ORDER, OrderStatus.DISPATCHED, _("已派单待讲师接单")))
    if user.can(Action.TRAINING_ANSWER):
        pending = Recipient.objects.restrict(user, Action.TRAINING_ANSWER).filter(answered_at=None)
        url = reverse("training:recipient_list") + "?pending=true"
        out.append(Card(_("待填写的培训问卷"), pending.count(), url, tone="warn", group=GROUP))
    return out
