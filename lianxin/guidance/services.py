"""Every change in cadres' areas and guidance is one function here: guard (`require`), lock the
row where a state moves, change and write the audit event — in one transaction. Views, the API
and the demo all call these; cadres are found or added through the registers' services, in the
same transaction as what is done with them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, delete_recorded, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.guidance.choices import FindingStatus, WeakStatus
from lianxin.guidance.models import AreaAssignment, Finding, GuidanceVisit, WeakBranch
from lianxin.guidance.plugin import Action
from lianxin.orgs.choices import CODE_LENGTH, GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.registers.models import Cadre
from lianxin.registers.services import find_or_create_cadre, village_only

ASSIGNMENT_FIELDS = ("cadre", "org", "year", "category")
AREA_KINDS = (OrgKind.TOWNSHIP, *GRASSROOTS_KINDS)

# --- areas ------------------------------------------------------------------------------------


@transaction.atomic
def assign_area(actor: Actor, cadre: Cadre, area: Org, *, year: int, category: str, note: str = "") -> AreaAssignment:
    """包乡联村: pair a cadre with a township or a branch for a year."""
    require(actor, Action.GUIDANCE_GUIDE, cadre.org.code)
    require(actor, Action.GUIDANCE_GUIDE, area.code)
    if area.kind not in AREA_KINDS:
        raise ValidationError(_("包片范围须是乡镇（街道）或村（社区）"))
    if not area.code.startswith(cadre.org.code):
        raise ValidationError(_("包片范围须在干部所属县（市、区）内"))
    assignment = AreaAssignment(cadre=cadre, org=area, year=year, category=category, note=note)
    clean_fields(assignment, ("year", "category", "note", "cadre"))
    assignment.save()
    record(
        actor,
        "guidance.area.assign",
        obj=assignment,
        org_code=area.code,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def assign_area_to_named_cadre(
    actor: Actor, area: Org, *, name: str, unit: str = "", year: int, category: str, note: str = ""
) -> AreaAssignment:
    """Pair the area's county cadre called `name` with the area, adding the cadre first if the
    county has none of that name: both or neither are written."""
    require(actor, Action.GUIDANCE_GUIDE, area.code)
    if area.kind not in AREA_KINDS:
        raise ValidationError(_("包片范围须是乡镇（街道）或村（社区）"))
    county = Org.objects.get(code=area.code[: CODE_LENGTH[OrgLevel.COUNTY]])
    cadre = find_or_create_cadre(actor, county, name=name, unit=unit)
    return assign_area(actor, cadre, area, year=year, category=category, note=note)


@transaction.atomic
def remove_assignment(actor: Actor, assignment: AreaAssignment) -> None:
    require(actor, Action.GUIDANCE_GUIDE, assignment.org.code)
    delete_recorded(actor, "guidance.area.remove", assignment, snapshot(assignment, ASSIGNMENT_FIELDS))


# --- guidance visits and findings -------------------------------------------------------------


@transaction.atomic
def record_guidance(
    actor: Actor, cadre: Cadre, area: Org, *, day: date, notes: str = "", findings: list[tuple[str, date]] = ()
) -> GuidanceVisit:
    """A cadre's guidance visit; each finding goes to the township secretary with a deadline."""
    require(actor, Action.GUIDANCE_GUIDE, area.code)
    require(actor, Action.GUIDANCE_GUIDE, cadre.org.code)
    if area.kind not in AREA_KINDS:
        raise ValidationError(_("指导对象须是乡镇（街道）或村（社区）"))
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    visit = GuidanceVisit.objects.create(org=area, cadre=cadre, date=day, notes=notes)
    record(actor, "guidance.visit.create", obj=visit, org_code=area.code, after={"cadre": cadre.pk, "date": day})
    for description, deadline in findings:
        if not description.strip():
            continue
        if deadline < day:
            raise ValidationError(_("整改时限不能早于走访日期"))
        finding = Finding.objects.create(
            org=area, guidance_visit=visit, description=description.strip(), deadline=deadline
        )
        record(
            actor,
            "guidance.finding.open",
            obj=finding,
            org_code=area.code,
            after=snapshot(finding, ("status", "deadline")),
        )
    return visit


def _finding_in(actor: Actor, finding: Finding, action: str, status: str, refusal: str) -> Finding:
    """The finding, once the actor may take `action` on it and it is in `status`. It is locked
    before the status is read, so that the status checked is the one the caller changes."""
    finding = locked(finding)
    require(actor, action, finding.org.code)
    if finding.status != status:
        raise ValidationError(refusal)
    return finding


def can_rectify_finding(user, finding: Finding) -> bool:
    """Whether `rectify_finding` would take `user`'s report on this finding (for the page)."""
    return finding.status == FindingStatus.OPEN and can_at(user, Action.GUIDANCE_RECTIFY, finding.org.code)


def can_review_finding(user, finding: Finding) -> bool:
    """Whether `confirm_finding` and `return_finding` would let `user` review the report."""
    return finding.status == FindingStatus.RECTIFIED and can_at(user, Action.GUIDANCE_GUIDE, finding.org.code)


@transaction.atomic
def rectify_finding(actor: Actor, finding: Finding, text: str) -> Finding:
    """The township secretary reports what was done."""
    finding = _finding_in(actor, finding, Action.GUIDANCE_RECTIFY, FindingStatus.OPEN, _("只有待整改的问题可以报整改"))
    if not text.strip():
        raise ValidationError(_("请填写整改情况"))
    with audited(actor, "guidance.finding.rectify", finding, ("status", "rectification")):
        finding.status, finding.rectification = FindingStatus.RECTIFIED, text.strip()
        finding.rectified_at = timezone.now()
        finding.save(update_fields=["status", "rectification", "rectified_at"])
    return finding


@transaction.atomic
def confirm_finding(actor: Actor, finding: Finding) -> Finding:
    """The cadre's side confirms the rectification: the finding is closed (销号)."""
    finding = _finding_in(
        actor, finding, Action.GUIDANCE_GUIDE, FindingStatus.RECTIFIED, _("只有已报整改的问题可以确认")
    )
    with audited(actor, "guidance.finding.confirm", finding, ("status",)):
        finding.status, finding.confirmed_at = FindingStatus.CONFIRMED, timezone.now()
        finding.save(update_fields=["status", "confirmed_at"])
    return finding


@transaction.atomic
def return_finding(actor: Actor, finding: Finding, reason: str) -> Finding:
    """Not rectified after all: back to the township, still under its original deadline."""
    finding = _finding_in(
        actor, finding, Action.GUIDANCE_GUIDE, FindingStatus.RECTIFIED, _("只有已报整改的问题可以退回")
    )
    if not reason.strip():
        raise ValidationError(_("请填写退回理由"))
    with audited(actor, "guidance.finding.return", finding, ("status",), ("status", "return_reason")):
        finding.status, finding.return_reason, finding.rectified_at = FindingStatus.OPEN, reason.strip(), None
        finding.save(update_fields=["status", "return_reason", "rectified_at"])
    return finding


# --- weak branches ----------------------------------------------------------------------------


@transaction.atomic
def list_weak_branch(
    actor: Actor, village: Org, *, year: int, reasons: str, measures: str = "", cadre: Cadre | None = None
) -> WeakBranch:
    require(actor, Action.GUIDANCE_GUIDE, village_only(village).code)
    weak = WeakBranch(org=village, year=year, reasons=reasons.strip(), measures=measures.strip(), cadre=cadre)
    clean_fields(weak, ("year", "reasons", "measures", "cadre"))
    weak.save()
    record(
        actor,
        "guidance.weak_branch.list",
        obj=weak,
        org_code=village.code,
        after=snapshot(weak, ("year", "status", "reasons", "cadre")),
    )
    return weak


def can_delist(user, weak: WeakBranch) -> bool:
    """Whether `delist_weak_branch` would let `user` take this branch off the list (for the page)."""
    return weak.status == WeakStatus.LISTED and can_at(user, Action.GUIDANCE_GUIDE, weak.org.code)


@transaction.atomic
def delist_weak_branch(actor: Actor, weak: WeakBranch, *, note: str, on: date | None = None) -> WeakBranch:
    weak = locked(weak)
    require(actor, Action.GUIDANCE_GUIDE, weak.org.code)
    if weak.status != WeakStatus.LISTED:
        raise ValidationError(_("该支部已摘帽"))
    if not note.strip():
        raise ValidationError(_("请填写整顿成效（摘帽说明）"))
    with audited(
        actor, "guidance.weak_branch.delist", weak, ("status", "delisted_on"), ("status", "delisted_on", "delist_note")
    ):
        weak.status, weak.delisted_on, weak.delist_note = WeakStatus.DELISTED, on or today(), note.strip()
        weak.save(update_fields=["status", "delisted_on", "delist_note"])
    return weak
