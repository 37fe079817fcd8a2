"""Every change to the registers is one function here: guard (`require`), lock where two
requests could race, change, tell the apps built on the registers (`signals.roll_changed`) and
write the audit event — in one transaction. Views, the API, the importer, the demo and the
apps above (liaison, guidance) all call these."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, delete_recorded, locked
from lianxin.core.permissions import require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.registers.models import Cadre, Household, HouseholdLink, PartyMember
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
    id_field: str  # the ID-card number
    created: str  # audit event names
    updated: str
    imported: str


HOUSEHOLDS = Roll(
    Household,
    HOUSEHOLD_FIELDS,
    "head_id_number",
    "registers.household.create",
    "registers.household.update",
    "registers.household.import",
)
MEMBERS = Roll(
    PartyMember,
    MEMBER_FIELDS,
    "id_number",
    "registers.member.create",
    "registers.member.update",
    "registers.member.import",
)


def _save_on_roll(roll: Roll, obj) -> None:
    # The check digit may be typed as x; one spelling keeps lookups and duplicate checks honest.
    setattr(obj, roll.id_field, getattr(obj, roll.id_field).upper())
    clean_fields(obj, roll.fields)
    obj.save()


def _add_to_roll(actor: Actor, roll: Roll, village: Org, fields: dict):
    require(actor, Action.REGISTERS_EDIT, village.code)
    obj = roll.model(org=village_only(village), **fields)
    _save_on_roll(roll, obj)
    _changed(roll.model, village)
    record(actor, roll.created, obj=obj, org_code=village.code, after=snapshot(obj, roll.fields))
    return obj


def _update_on_roll(actor: Actor, roll: Roll, obj, fields: dict):
    require(actor, Action.REGISTERS_EDIT, obj.org.code)
    obj = locked(obj)
    with audited(actor, roll.updated, obj, roll.fields):
        for name, value in fields.items():
            if name in roll.fields:
                setattr(obj, name, value)
        _save_on_roll(roll, obj)
    return obj


@transaction.atomic
def create_household(actor: Actor, village: Org, **fields) -> Household:
    return _add_to_roll(actor, HOUSEHOLDS, village, fields)


@transaction.atomic
def update_household(actor: Actor, household: Household, **fields) -> Household:
    return _update_on_roll(actor, HOUSEHOLDS, household, fields)


@transaction.atomic
def create_member(actor: Actor, village: Org, **fields) -> PartyMember:
    return _add_to_roll(actor, MEMBERS, village, fields)


@transaction.atomic
def update_member(actor: Actor, member: PartyMember, **fields) -> PartyMember:
    return _update_on_roll(actor, MEMBERS, member, fields)


@transaction.atomic
def record_import(actor: Actor, roll: Roll, creates: list, updates: list, unchanged: int) -> None:
    """Write what an import found new or changed, all of it or (on any error) none; one event
    for the whole file. A file that changes nothing writes nothing."""
    if not creates and not updates:
        return
    touched = {o.org_id: o.org for o in creates + updates}
    for village in touched.values():
        require(actor, Action.REGISTERS_EDIT, village.code)
    roll.model.objects.bulk_create(creates, batch_size=1000)
    roll.model.objects.bulk_update(updates, roll.fields, batch_size=1000)
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
