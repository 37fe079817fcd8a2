"""PIPL for the people on the registers (security.md item 22), beside consent to keeping an ID
number (services.record_consent / withdraw_consent):

- a full record is shown only after a confirmation with a reason, to users who may edit the
  person's village, and every such view is an audit event: who saw whose ID number and why;
- one person's data is exported on request (PIPL art. 45), with what the apps built on the
  registers hold about them (extensions.PersonalData), and the export is an audit event;
- households that left are anonymised once LIANXIN_RETENTION_DAYS have passed since they left
  (`manage.py anonymise_departed`, PIPL art. 47): names, ID numbers, phones and addresses go,
  the rows stay so that visits, links and counts still add up in the statistics.

The audit log keeps its own events as they were written (append-only, security.md item 11);
they mask ID numbers and phones, and only auditors read them."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.labels import action_label
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record
from lianxin.core.changes import today
from lianxin.core.excel import heading_for, workbook_bytes
from lianxin.core.permissions import require
from lianxin.registers.choices import DEPARTED
from lianxin.registers.extensions import Sheet, anonymise_elsewhere, personal_sheets
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.plugin import Action

REASON_MAX = 200
# What "查看完整信息" shows in full; everywhere else these are masked.
REVEALED = {Household: ("head_id_number", "phone"), PartyMember: ("id_number", "mobile")}
# A person's own record in their export, field by field.
OWN_FIELDS = {
    Household: (
        *("number", "head_name", "head_id_number", "size", "group", "address", "phone", "tags"),
        *("status", "left_on", "anonymised_at", "consent_given", "consent_on", "consent_by", "created_at"),
    ),
    PartyMember: (
        *("name", "gender", "birth_date", "joined_on", "post", "mobile", "id_number", "user"),
        *("consent_given", "consent_on", "consent_by", "created_at"),
    ),
}
ANONYMOUS_NAME = "（已匿名）"
# Cleared when a household is anonymised; `number` becomes 匿名<id>, `head_name` ANONYMOUS_NAME.
CLEARED = ("head_id_number", "phone", "address", "group", "tags", "consent_by")


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError(_("请填写原因"))
    return reason[:REASON_MAX]


def field_label(model, name: str) -> str:
    """The verbose name of `model`'s field `name` (`model` a class or an instance)."""
    return str(model._meta.get_field(name).verbose_name)


# --- the full record, shown once and logged ----------------------------------------------------


@transaction.atomic
def reveal(actor: Actor, person, reason: str) -> list[tuple[str, str]]:
    """The person's ID number and phone in full, as (label, value) pairs, for a user who may edit
    the person's village; the view is recorded with its reason."""
    require(actor, Action.REGISTERS_EDIT, person.org.code)
    fields = REVEALED[type(person)]
    record(
        actor,
        "registers.person.reveal",
        obj=person,
        org_code=person.org.code,
        after={"reason": _reason(reason), "fields": list(fields)},
    )
    return [(field_label(person, name), getattr(person, name)) for name in fields]


# --- one person's data, exported on request ---------------------------------------------------


def shown(obj, name: str):
    """A field's value as a person reads it: choices by their label, yes/no, local time."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Model):
        return str(value)
    return "" if value is None else value


def sheet_of(title: str, model, names: tuple[str, ...], objs) -> Sheet:
    """A sheet of the fields `names` of `objs`, headed by the fields' verbose names: how the apps
    above lay out what they hold about a person (extensions.PersonalData)."""
    return (title, [field_label(model, n) for n in names], [[shown(o, n) for n in names] for o in objs])


def _own_sheet(person) -> Sheet:
    rows = [[_("村(社区)"), f"{person.org.name}（{person.org.code}）"]]
    rows += [[field_label(person, name), shown(person, name)] for name in OWN_FIELDS[type(person)]]
    return (_("登记信息"), [_("项目"), _("内容")], rows)


def _links_sheet(person) -> Sheet:
    """The household's party member; for a member, the households they answer for by village and
    number only (their heads' names are those people's data, not the member's)."""
    links = person.links.select_related("member", "household__org").order_by("linked_on", "pk")
    if isinstance(person, Household):
        return (_("联户党员"), [_("联户党员"), _("联户日期")], [[li.member.name, li.linked_on] for li in links])
    header = [_("村(社区)"), _("户号"), _("联户日期")]
    return (_("联系农户"), header, [[li.household.org.short_name, li.household.number, li.linked_on] for li in links])


def _history_sheet(person) -> Sheet:
    """What was done with the person's record, and when (the staff who did it are not named)."""
    events = AuditEvent.objects.filter(object_type=person._meta.label_lower, object_id=str(person.pk)).order_by("seq")
    rows = [[timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"), action_label(e.action)] for e in events]
    return (_("处理记录"), [_("时间"), _("操作")], rows)


@transaction.atomic
def export_person(actor: Actor, person, reason: str) -> bytes:
    """An Excel workbook of everything held about one household head or party member, for a
    user who may edit their village; the export is recorded with its reason."""
    require(actor, Action.REGISTERS_EDIT, person.org.code)
    reason = _reason(reason)
    sheets = [_own_sheet(person), _links_sheet(person), *personal_sheets(person), _history_sheet(person)]
    content = workbook_bytes(sheets, heading_for(actor.user, _("个人信息"), org=person.org))
    record(
        actor,
        "registers.person.export",
        obj=person,
        org_code=person.org.code,
        after={"reason": reason, "sheets": [str(title) for title, _header, _rows in sheets]},
    )
    return content


# --- retention: households that left ----------------------------------------------------------


def anonymise_departed(actor: Actor, days: int) -> int:
    """Anonymise every household that left (迁出/注销) at least `days` days ago and is not
    anonymised yet; returns how many. Each is re-checked under its row lock in its own
    transaction, so a second run, or a second host at the same moment, does nothing twice."""
    cutoff = today() - timedelta(days=days)
    due = Household.objects.filter(status__in=DEPARTED, left_on__lte=cutoff, anonymised_at__isnull=True)
    return sum(_anonymise_if_due(actor, pk, cutoff) for pk in list(due.values_list("pk", flat=True)))


@transaction.atomic
def _anonymise_if_due(actor: Actor, pk: int, cutoff) -> bool:
    household = Household.objects.select_for_update().select_related("org").get(pk=pk)
    if household.anonymised_at is not None or not household.has_left or household.left_on > cutoff:
        return False
    elsewhere = anonymise_elsewhere(household)
    household.number, household.head_name = f"匿名{household.pk}", ANONYMOUS_NAME
    for name in CLEARED:
        setattr(household, name, "")
    household.consent_given, household.consent_on = False, None
    household.anonymised_at = timezone.now()
    household.save()
    record(
        actor,
        "registers.household.anonymise",
        obj=household,
        org_code=household.org.code,
        before={"status": household.status, "left_on": household.left_on},
        after={"anonymised": ["number", "head_name", *CLEARED], **elsewhere},
    )
    return True
