"""Every change to a notice is one function here: guard (`require`), lock where a state moves,
change, and record the audit event — in one transaction.

Reading is not audited: the receipt row is itself the record (who, when), and a notice read
by two thousand people would otherwise bury the log."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.accounts.models import RoleAssignment
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record
from lianxin.core.notifications import Reminder, ring
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import prefix_q
from lianxin.notices.choices import ReceiptStatus, ReplyKind, TargetKind
from lianxin.notices.models import Notice, NoticeAttachment, NoticeReceipt, NoticeUnit
from lianxin.notices.plugin import Action
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org

SENDER_KINDS = (OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY, OrgKind.TOWNSHIP)
# A notice without a deadline is reminded about for this long after it was sent.
OPEN_DAYS = 30


def recipient_units(sender: Org, kinds, within: Org | None = None):
    """The units of `kinds` below the sender (inside `within`, a unit below it, when given)."""
    area = within or sender
    if within is not None and (within.pk == sender.pk or not within.code.startswith(sender.scope_code)):
        raise ValidationError(_("接收范围须是本单位下属的单位"))
    return Org.objects.filter(prefix_q(area.scope_code), kind__in=kinds).exclude(pk=sender.pk).order_by("code")


@transaction.atomic
def send_notice(
    actor: Actor,
    sender: Org,
    *,
    title: str,
    body: str,
    kinds,
    roles,
    within: Org | None = None,
    deadline: date | None = None,
    reply: str = ReplyKind.NONE,
    files=(),
) -> Notice:
    """Send a notice to the units of `kinds` below `sender` and the people holding one of
    `roles` there: a unit row and a receipt row per person, written now."""
    require(actor, Action.NOTICES_SEND, sender.code)
    if sender.kind not in SENDER_KINDS:
        raise ValidationError(_("只有市、县（市、区）和乡镇（街道）可以发通知"))
    if not kinds or not roles:
        raise ValidationError(_("请选择接收单位类型和接收人角色"))
    units = list(recipient_units(sender, kinds, within).values_list("pk", flat=True))
    if not units:
        raise ValidationError(_("所选范围内没有符合条件的接收单位"))
    notice = Notice(
        org=sender,
        title=title.strip(),
        body=body.strip(),
        deadline=deadline,
        reply=reply,
        sender=actor.user,
        sent_at=timezone.now(),
        audience=_audience(kinds, roles, within),
        units_total=len(units),
    )
    if notice.sender is None:
        raise PermissionDenied(_("通知须由具体的人发送"))
    notice.full_clean(exclude=["org", "sender"])
    notice.save()
    persons = _persons(units, roles)
    made = NoticeUnit.objects.bulk_create(
        NoticeUnit(notice=notice, org_id=org_id, persons_total=len(persons.get(org_id, ()))) for org_id in units
    )
    NoticeReceipt.objects.bulk_create(
        NoticeReceipt(notice=notice, unit=unit, user_id=user_id)
        for unit in made
        for user_id in persons.get(unit.org_id, ())
    )
    for upload in files:
        _attach(notice, None, upload)
    record(
        actor,
        "notices.notice.send",
        obj=notice,
        org_code=sender.code,
        after={
            "title": notice.title,
            "audience": notice.audience,
            "units": len(units),
            "deadline": str(deadline or ""),
        },
    )
    return notice


def _persons(unit_ids, roles) -> dict[int, list[int]]:
    """Unit -> the active users holding one of `roles` there."""
    found: dict[int, set[int]] = {}
    rows = RoleAssignment.objects.filter(org_id__in=unit_ids, role__in=roles, user__is_active=True)
    for org_id, user_id in rows.values_list("org_id", "user_id"):
        found.setdefault(org_id, set()).add(user_id)
    return {org_id: sorted(users) for org_id, users in found.items()}


def _audience(kinds, roles, within) -> str:
    units = "、".join(str(TargetKind(k).label) for k in kinds)
    people = "、".join(str(Role(r).label) for r in roles)
    place = f"{within.short_name} " if within else ""
    return f"{place}{units}；{people}"[:300]


def _attach(notice: Notice, unit: NoticeUnit | None, upload) -> NoticeAttachment:
    attachment = NoticeAttachment(notice=notice, unit=unit)
    attachment.fill_from_upload(upload)
    attachment.save()
    return attachment


def open_receipt(receipt: NoticeReceipt) -> bool:
    """The recipient opened the notice: mark their receipt read (once) and count it on the unit.
    Returns whether this was the first time."""
    now = timezone.now()
    with transaction.atomic():
        if not NoticeReceipt.objects.filter(pk=receipt.pk, read_at__isnull=True).update(read_at=now):
            return False
        NoticeUnit.objects.filter(pk=receipt.unit_id).update(
            persons_read=F("persons_read") + 1, read_at=Coalesce(F("read_at"), now)
        )
    receipt.read_at = now
    return True


def can_reply(user, receipt: NoticeReceipt) -> bool:
    return receipt.user_id == user.pk and receipt.notice.wants_reply


@transaction.atomic
def reply(actor: Actor, receipt: NoticeReceipt, *, text: str = "", file=None) -> NoticeUnit:
    """A recipient answers for their unit (a later reply replaces the text, adds the file)."""
    require(actor, Action.NOTICES_READ, receipt.unit.org.code)
    if actor.user is None or receipt.user_id != actor.user.pk:
        raise PermissionDenied
    notice = receipt.notice
    if not notice.wants_reply:
        raise ValidationError(_("此通知无需回复"))
    if notice.reply == ReplyKind.FILE and file is None and not receipt.unit.files.exists():
        raise ValidationError({"file": _("此通知要求上报文件，请选择文件")})
    if notice.reply == ReplyKind.TEXT and not text.strip():
        raise ValidationError({"text": _("请填写回复内容")})
    unit = NoticeUnit.objects.select_for_update().select_related("org").get(pk=receipt.unit_id)
    unit.reply_text, unit.replied_at, unit.replied_by = text.strip(), timezone.now(), actor.user
    unit.save(update_fields=["reply_text", "replied_at", "replied_by"])
    if file is not None:
        _attach(notice, unit, file)
    open_receipt(receipt)
    record(actor, "notices.unit.reply", obj=unit, org_code=unit.org.code, after={"text": unit.reply_text[:200]})
    return unit


# --- reminders ------------------------------------------------------------------------------


def pending(notice: Notice):
    """The receipts of people who have not done what the notice asks: not read, or (when a
    reply is asked for) their unit has not replied."""
    late = Q(read_at__isnull=True)
    if notice.wants_reply:
        late |= Q(unit__replied_at__isnull=True)
    return NoticeReceipt.objects.filter(notice=notice).filter(late)


def _ring(notice: Notice, today: date) -> int:
    message = _("请及时阅办通知“%(title)s”") % {"title": notice.title[:60]}
    if notice.deadline:
        message += _("（时限 %(d)s）") % {"d": f"{notice.deadline:%Y-%m-%d}"}
    key = f"notices.notice.remind:{notice.pk}:{today:%Y%m%d}"
    rows = pending(notice).values_list("pk", "user_id")
    return ring(Reminder(user_id, key, message, reverse("notices:received", args=[pk])) for pk, user_id in rows)


@transaction.atomic
def remind(actor: Actor, notice: Notice) -> int:
    """The sender reminds everyone still pending (once a day per person); returns how many."""
    require(actor, Action.NOTICES_SEND, notice.org.code)
    count = _ring(notice, timezone.localdate())
    record(actor, "notices.notice.remind", obj=notice, org_code=notice.org.code, after={"reminded": count})
    return count


def remind_open(today: date) -> int:
    """The daily job: remind the pending recipients of every notice still open (its deadline
    not passed by more than a week, or sent in the last OPEN_DAYS days without one)."""
    since = today - timedelta(days=OPEN_DAYS)
    open_notices = Notice.objects.filter(
        Q(deadline__gte=today - timedelta(days=7)) | Q(deadline__isnull=True, sent_at__date__gte=since)
    )
    return sum(_ring(notice, today) for notice in open_notices)


# --- what the pages read ----------------------------------------------------------------------

STATUS_Q = {
    ReceiptStatus.UNREAD: Q(read_at__isnull=True),
    ReceiptStatus.READ: Q(read_at__isnull=False),
    ReceiptStatus.REPLY_DUE: Q(replied_at__isnull=True),
    ReceiptStatus.REPLIED: Q(replied_at__isnull=False),
}


def unit_counts(units) -> dict:
    """Counts over a notice's units in one query: units, read, replied, people, readers."""
    return units.aggregate(
        units=Count("pk"),
        read=Count("pk", filter=STATUS_Q[ReceiptStatus.READ]),
        replied=Count("pk", filter=STATUS_Q[ReceiptStatus.REPLIED]),
        persons=Coalesce(Sum("persons_total"), 0),
        persons_read=Coalesce(Sum("persons_read"), 0),
    )


def attachment_for(user, pk: int) -> NoticeAttachment | None:
    """An attachment the user may download: through a notice they sent (in scope) or received;
    a unit's returned file only to the sender's side and that unit's people."""
    attachment = NoticeAttachment.objects.select_related("notice__org", "unit").filter(pk=pk).first()
    if attachment is None:
        return None
    notice = attachment.notice
    if can_at(user, Action.NOTICES_SEND, notice.org.code):
        return attachment
    mine = NoticeReceipt.objects.filter(notice=notice, user=user)
    if attachment.unit_id is not None:
        mine = mine.filter(unit_id=attachment.unit_id)
    return attachment if user.can(Action.NOTICES_READ) and mine.exists() else None


def senders(user):
    """The units the user may send notices from."""
    orgs = {a.org for a in user.assignments if can_at(user, Action.NOTICES_SEND, a.org.code)}
    return sorted((o for o in orgs if o.kind in SENDER_KINDS), key=lambda o: o.code)
