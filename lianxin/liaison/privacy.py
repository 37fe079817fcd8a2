"""What liaison holds about the people of the registers, plugged into the registers' PIPL duties
(registers.extensions.PersonalData, registers/privacy.py) without the registers knowing liaison:

- a household's export has its visits and matters; a member's export has the visits the member
  made, by date, way and household number only (what a household raised is that household's);
- when a household is anonymised, its visits and matters stay for the statistics (dates, ways,
  categories, levels, status, time limits, satisfaction) but lose what was said about it and
  its photos: free text is cleared, matter titles become （已匿名）, photo files are deleted
  once the transaction has committed."""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lianxin.liaison.models import Matter, MatterStep, Visit, VisitPhoto
from lianxin.registers.extensions import PersonalData, add_personal_data
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.privacy import ANONYMOUS_NAME, field_label, sheet_of

VISIT_FIELDS = ("date", "way", "member", "raised", "category")
MATTER_FIELDS = (
    *("title", "description", "category", "level", "status"),
    *("reported_at", "deadline", "closed_at", "resolution"),
)


def _matters_of(household: Household):
    return Matter.objects.filter(Q(household=household) | Q(visit__household=household)).distinct()


def _delete_files(files) -> None:
    for storage, name in files:
        storage.delete(name)


def household_sheets(household: Household) -> list:
    visits = household.visits.select_related("member").order_by("date", "pk")
    matters = _matters_of(household).order_by("reported_at", "pk")
    return [
        sheet_of(_("走访记录"), Visit, VISIT_FIELDS, visits),
        sheet_of(_("诉求事项"), Matter, MATTER_FIELDS, matters),
    ]


def member_sheets(member: PartyMember) -> list:
    visits = member.visits.select_related("household__org").order_by("date", "pk")
    header = [
        field_label(Visit, "date"),
        field_label(Visit, "way"),
        _("村(社区)"),
        _("户号"),
        field_label(Visit, "category"),
    ]
    rows = [
        [v.date, v.get_way_display(), v.household.org.short_name, v.household.number, v.get_category_display()]
        for v in visits
    ]
    return [(_("走访记录"), header, rows)]


def anonymise_household(household: Household) -> dict:
    photos = list(VisitPhoto.objects.filter(visit__household=household))
    files = [(p.file.storage, f.name) for p in photos for f in (p.file, p.thumbnail) if f.name]
    VisitPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    # The files go only if the anonymisation commits; a rollback leaves rows and files as they were.
    transaction.on_commit(partial(_delete_files, files))
    matters = _matters_of(household)
    MatterStep.objects.filter(matter__in=matters).update(note="")
    return {
        "visits": household.visits.update(raised=""),
        "matters": Matter.objects.filter(pk__in=matters).update(title=ANONYMOUS_NAME, description="", resolution=""),
        "visit_photos": len(photos),
    }


def register() -> None:
    add_personal_data(Household, PersonalData(household_sheets, anonymise_household))
    add_personal_data(PartyMember, PersonalData(member_sheets))
