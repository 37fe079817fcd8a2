"""Every change to the registers is one function here: guard (`require`), lock where two
requests could race, change, tell the apps built on the registers (`signals.roll_changed`) and
write the audit event — in one transaction. Views, the API, the importer, the demo and the
apps above (liaison, guidance) all call these."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, delete_recorded, locked, today
from lianxin.core.permissions import require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.registers.choices import DEPARTED, HouseholdStatus
from lianxin.registers.models import Cadre, Household, HouseholdLink, IdConsent, PartyMember
from lianxin.registers.plugin import Action
from lianxin.registers.signals import roll_changed

HOUSEHOLD_FIELDS = ("number", "head_name", "head_id_number", "size", "group", "address", "phone", "tags")
MEMBER_FIELDS = ("name", "gender", "birth_date", "joined_on", "post", "mobile", "id_number")
CADRE_FIELDS = ("name", "unit", "post", "mobile")


def village_only(org: Org) -> Org:
    """`org`, if it is a village or community: households, members, matters and consultations
    belong to one."""
    if org.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("请选择村（社区）"))
    return org


def _changed(model: type, village: Org) -> None:
    roll_changed.send(sender=model, village=village)


# --- households and members -------------------------------------------------------------------


@dataclass(frozen=True)
class Roll:
    """A village's roll of households or of party members: both are kept the same way."""

    model: type
    fields: tuple[str, ...]
    created: str  # audit event names
    updated: str
    imported: str


HOUSEHOLDS = Roll(
    Household,
    HOUSEHOLD_FIELDS,
    "registers.household.create",
    "registers.household.update",
    "registers.household.import",
)
MEMBERS = Roll(
    PartyMember,
    MEMBER_FIELDS,
    "registers.member.create",
    "registers.member.update",
    "registers.member.import",
)
CONSENT_FIELDS = IdConsent.CONSENT_FIELDS


def roll_of(person) -> Roll:
    return HOUSEHOLDS if isinstance(person, Household) else MEMBERS


def _save_on_roll(roll: Roll, obj, stored_id: str = "") -> None:
    # The check digit may be typed as x; one spelling keeps lookups and duplicate checks honest.
    setattr(obj, obj.id_field, obj.id_number_value.upper())
    clean_fields(obj, roll.fields)
    if obj.id_needs_consent(stored_id):
        raise ValidationError({obj.id_field: _("登记身份证号须经本人同意：请先登记同意日期")})
    obj.save()


def not_anonymised(obj) -> None:
    """Refuse to add to or change what is kept about an anonymised household (its personal data
    is gone for good); the apps above call it before recording anything new about one."""
    if getattr(obj, "anonymised_at", None) is not None:
        raise ValidationError(_("该户已匿名化，不能再修改"))


def _add_to_roll(actor: Actor, roll: Roll, village: Org, fields: dict, consent_on: date | None):
    require(actor, Action.REGISTERS_EDIT, village.code)
    obj = roll.model(org=village_only(village), **fields)
    if consent_on is not None:
        obj.give_consent(_consent_date(consent_on), actor.username)
    _save_on_roll(roll, obj)
    _changed(roll.model, village)
    record(actor, roll.created, obj=obj, org_code=village.code, after=snapshot(obj, roll.fields))
    if consent_on is not None:
        record(actor, CONSENT_RECORDED, obj=obj, org_code=village.code, after=snapshot(obj, CONSENT_FIELDS))
    return obj


def _update_on_roll(actor: Actor, roll: Roll, obj, fields: dict):
    require(actor, Action.REGISTERS_EDIT, obj.org.code)
    obj = locked(obj)
    not_anonymised(obj)
    stored_id = obj.id_number_value
    with audited(actor, roll.updated, obj, roll.fields):
        for name, value in fields.items():
            if name in roll.fields:
                setattr(obj, name, value)
        _save_on_roll(roll, obj, stored_id)
    return obj


@transaction.atomic
def create_household(actor: Actor, village: Org, *, consent_on: date | None = None, **fields) -> Household:
    """A new household; an ID number needs the head's consent, given on `consent_on`."""
    return _add_to_roll(actor, HOUSEHOLDS, village, fields, consent_on)


@transaction.atomic
def update_household(actor: Actor, household: Household, **fields) -> Household:
    return _update_on_roll(actor, HOUSEHOLDS, household, fields)


@transaction.atomic
def create_member(actor: Actor, village: Org, *, consent_on: date | None = None, **fields) -> PartyMember:
    """A new party member; an ID number needs the member's consent, given on `consent_on`."""
    return _add_to_roll(actor, MEMBERS, village, fields, consent_on)


@transaction.atomic
def update_member(actor: Actor, member: PartyMember, **fields) -> PartyMember:
    return _update_on_roll(actor, MEMBERS, member, fields)


# --- consent to keeping the ID number (PIPL, security.md item 22) ------------------------------

CONSENT_RECORDED = "registers.consent.record"


def _consent_date(day: date) -> date:
    if day > today():
        raise ValidationError(_("同意日期不能晚于今天"))
    return day


@transaction.atomic
def record_consent(actor: Actor, person, consent_on: date):
    """Record that the household head (or the member) consented, on `consent_on`, to their ID
    number being kept; the actor is recorded as who registered it."""
    require(actor, Action.REGISTERS_EDIT, person.org.code)
    person = locked(person)
    not_anonymised(person)
    with audited(actor, CONSENT_RECORDED, person, CONSENT_FIELDS):
        person.give_consent(_consent_date(consent_on), actor.username)
        person.save(update_fields=CONSENT_FIELDS)
    return person


@transaction.atomic
def withdraw_consent(actor: Actor, person):
    """The person withdraws consent (or never gave it, for a number kept from before consent was
    recorded): the stored ID number is cleared with the consent, in the same transaction."""
    require(actor, Action.REGISTERS_EDIT, person.org.code)
    person = locked(person)
    if not person.consent_given and not person.id_number_value:
        raise ValidationError(_("尚未登记同意，也没有身份证号，无需撤回"))
    fields = (person.id_field, *CONSENT_FIELDS)
    with audited(actor, "registers.consent.withdraw", person, fields):
        setattr(person, person.id_field, "")
        person.consent_given, person.consent_on, person.consent_by = False, None, ""
        person.save(update_fields=fields)
    return person


# --- households that leave ---------------------------------------------------------------------

DEPARTURE_FIELDS = ("status", "left_on")


@transaction.atomic
def record_departure(actor: Actor, household: Household, status: str, left_on: date) -> Household:
    """The household moved away (迁出) or was closed (注销) on `left_on`: it stays on the roll for
    the statistics, and `anonymise_departed` removes its personal data once the retention
    period (LIANXIN_RETENTION_DAYS) after `left_on` has passed."""
    require(actor, Action.REGISTERS_EDIT, household.org.code)
    household = locked(household)
    not_anonymised(household)
    if status not in DEPARTED:
        raise ValidationError(_("请选择迁出或注销"))
    if left_on > today():
        raise ValidationError(_("迁出/注销日期不能晚于今天"))
    with audited(actor, "registers.household.leave", household, DEPARTURE_FIELDS):
        household.status, household.left_on = status, left_on
        household.save(update_fields=DEPARTURE_FIELDS)
    return household


@transaction.atomic
def cancel_departure(actor: Actor, household: Household) -> Household:
    """Put back on the roll a household marked as gone by mistake (or that came back), as long
    as it has not been anonymised."""
    require(actor, Action.REGISTERS_EDIT, household.org.code)
    household = locked(household)
    not_anonymised(household)
    if not household.has_left:
        raise ValidationError(_("该户在册，无需恢复"))
    with audited(actor, "registers.household.return", household, DEPARTURE_FIELDS):
        household.status, household.left_on = HouseholdStatus.ACTIVE, None
        household.save(update_fields=DEPARTURE_FIELDS)
    return household


@transaction.atomic
def record_import(actor: Actor, roll: Roll, creates: list, updates: list, unchanged: int, consents: int = 0) -> None:
    """Write what an import found new or changed, all of it or (on any error) none; one event
    for the whole file, counting the consents to ID numbers it recorded (each row names the
    importing user as who recorded its consent). A file that changes nothing writes nothing."""
    if not creates and not updates:
        return
    touched = {o.org_id: o.org for o in creates + updates}
    for village in touched.values():
        require(actor, Action.REGISTERS_EDIT, village.code)
    roll.model.objects.bulk_create(creates, batch_size=1000)
    roll.model.objects.bulk_update(updates, (*roll.fields, *CONSENT_FIELDS), batch_size=1000)
    for village in {o.org_id: o.org for o in creates}.values():
        _changed(roll.model, village)
    record(
        actor,
        roll.imported,
        object_type=roll.model._meta.label_lower,
        object_repr=_("Excel 导入"),
        org_code=min((v.code for v in touched.values()), key=len),
        after={
            "created": len(creates),
            "updated": len(updates),
            "unchanged": unchanged,
            "consents": consents,
            "villages": sorted(v.code for v in touched.values()),
        },
    )


# --- links ------------------------------------------------------------------------------------


@transaction.atomic
def link_household(actor: Actor, member: PartyMember, household: Household) -> HouseholdLink:
    """Make `member` answerable for `household`; both must belong to the same village."""
    require(actor, Action.REGISTERS_EDIT, household.org.code)
    if member.org_id != household.org_id:
        raise ValidationError(_("党员与农户须属于同一个村（社区）"))
    household = Household.objects.select_for_update().get(pk=household.pk)
    existing = HouseholdLink.objects.filter(household=household).select_related("member").first()
    if existing is not None:
        if existing.member_id == member.pk:
            return existing
        raise ValidationError(_("该户已由党员 %(m)s 联系，请先解除") % {"m": existing.member.name})
    link = HouseholdLink.objects.create(org_id=household.org_id, member=member, household=household)
    _changed(HouseholdLink, household.org)
    record(
        actor,
        "registers.link.create",
        obj=link,
        org_code=household.org.code,
        after={"member": member.pk, "household": household.pk},
    )
    return link


@transaction.atomic
def unlink_household(actor: Actor, link: HouseholdLink) -> None:
    require(actor, Action.REGISTERS_EDIT, link.org.code)
    village = link.org
    delete_recorded(actor, "registers.link.delete", link, {"member": link.member_id, "household": link.household_id})
    _changed(HouseholdLink, village)


# --- cadres -----------------------------------------------------------------------------------


@transaction.atomic
def create_cadre(actor: Actor, org: Org, **fields) -> Cadre:
    require(actor, Action.REGISTERS_EDIT_CADRES, org.code)
    if org.level > OrgLevel.COUNTY or org.kind not in (OrgKind.CITY, OrgKind.COUNTY, OrgKind.PROVINCE):
        raise ValidationError(_("组工干部属于县级及以上组织部门"))
    cadre = Cadre(org=org, **fields)
    clean_fields(cadre, CADRE_FIELDS)
    cadre.save()
    record(actor, "registers.cadre.create", obj=cadre, org_code=org.code, after=snapshot(cadre, CADRE_FIELDS))
    return cadre


@transaction.atomic
def find_or_create_cadre(actor: Actor, org: Org, *, name: str, unit: str = "") -> Cadre:
    """`org`'s cadre called `name`, added (with `unit`) if there is none yet — in the caller's
    transaction, so that whatever the caller does with the cadre is written with it or not at
    all. A cadre of that name added meanwhile by another request is found, not duplicated."""
    require(actor, Action.REGISTERS_EDIT_CADRES, org.code)
    name = name.strip()
    cadre = Cadre.objects.filter(org=org, name=name).first()
    if cadre is not None:
        return cadre
    try:
        with transaction.atomic():  # a savepoint, so that losing the race leaves the caller's work intact
            return create_cadre(actor, org, name=name, unit=unit.strip())
    except IntegrityError:
        return Cadre.objects.get(org=org, name=name)
