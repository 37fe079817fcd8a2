"""The auditor's workbench (工作台): the audit chain's state, and the sensitive events of the last
week — failed logins, role changes, exports of a person's data — each linking to the audit list
filtered to them.

The chain's state is what can be known cheaply on every visit: the newest signed checkpoint
(checkpoints.py) against the chain's length and the hash of the event it pins, in one query. A
cut tail or a rewritten pinned event shows at once; walking the whole chain is `verify_audit`'s
job (cron), not a page's. The events are counted on `restrict(user, audit.view)` in one query."""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.accounts.roles import Action
from lianxin.audit import checkpoints
from lianxin.audit.models import AuditEvent
from lianxin.core.plugins import Card

RECENT_DAYS = 7
# Event-code prefixes (the audit list's `action` filter matches the beginning) -> card title.
SENSITIVE = (
    ("accounts.session.login_failed", gettext_lazy("登录失败")),
    ("accounts.role.", gettext_lazy("角色授予与撤销")),
    ("registers.person.export", gettext_lazy("导出个人信息")),
)


def cards(user, today) -> list[Card]:
    if not user.can(Action.AUDIT_VIEW):
        return []
    return [chain_card(), *event_cards(user, today)]


def chain_card() -> Card:
    title, url, group = _("审计链"), reverse("audit:event_list"), _("安全审计")
    try:
        newest = checkpoints.newest(checkpoints.load())
    except checkpoints.CheckpointError as error:
        return Card(title, None, url, "danger", str(error), group)
    pinned = Q(seq=newest.checkpoint.seq) if newest else Q(pk__in=[])
    chain = AuditEvent.objects.aggregate(last=Max("seq"), pinned_hash=Max("hash", filter=pinned))
    last = chain["last"] or 0
    if newest is None:
        return Card(title, last, url, "warn", _("尚无签名检查点，%(n)d 条事件均未受检查点保护") % {"n": last}, group)
    checkpoint = newest.checkpoint
    if checkpoint.seq > last:
        return Card(title, last, url, "danger", _("尾部被截断：检查点记录链长 %(n)d 条") % {"n": checkpoint.seq}, group)
    if chain["pinned_hash"] != checkpoint.hash:
        return Card(
            title, last, url, "danger", _("事件 #%(n)d 与检查点不符，链已被改写") % {"n": checkpoint.seq}, group
        )
    tail = last - checkpoint.seq
    age = timesince(datetime.fromisoformat(checkpoint.at), timezone.now())
    detail = _("最近检查点 #%(seq)d（%(age)s前），其后 %(tail)d 条事件") % {
        "seq": checkpoint.seq,
        "age": age,
        "tail": tail,
    }
    stale = tail > 2 * settings.LIANXIN_AUDIT_CHECKPOINT_EVERY
    return Card(title, last, url, "warn" if stale else "info", detail, group)


def event_cards(user, today) -> list[Card]:
    since = today - timedelta(days=RECENT_DAYS - 1)
    recent = AuditEvent.objects.restrict(user, Action.AUDIT_VIEW).filter(created_at__date__gte=since)
    counts = list(
        recent.aggregate(
            **{f"n{i}": Count("pk", filter=Q(action__startswith=code)) for i, (code, _t) in enumerate(SENSITIVE)}
        ).values()
    )
    return [
        Card(
            title,
            count,
            f"{reverse('audit:event_list')}?{urlencode({'action': code, 'since': since.isoformat()})}",
            "warn" if count else "info",
            _("近 %(days)d 天") % {"days": RECENT_DAYS},
            _("安全审计"),
        )
        for (code, title), count in zip(SENSITIVE, counts, strict=True)
    ]
