"""Every change in 党群连心 is one function here: guard (`require`), lock the row where a state
moves, change, keep the village's summary rows current, and write the audit event — in one
transaction. Views, the API, the importer and the demo all call these."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import in_scope, require
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.liaison.choices import (
    LEVEL_CODE_LENGTH,
    NEXT_LEVEL,
    TIME_LIMIT_DAYS,
    FindingStatus,
    Level,
    MatterStatus,
    Satisfaction,
    StepKind,
    WeakStatus,
)
from lianxin.liaison.models import (
    AreaAssignment,
    Cadre,
    Consultation,
    Finding,
    FollowUp,
    GuidanceVisit,
    Household,
    HouseholdLink,
    Matter,
    MatterStep,
    PartyMember,
    VillageLiaison,
    Visit,
    VisitDay,
    VisitPhoto,
    WeakBranch,
)
from lianxin.liaison.plugin import Action
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org

HOUSEHOLD_FIELDS = ("number", "head_name", "head_id_number", "size", "group", "address", "phone", "tags")
MEMBER_FIELDS = ("name", "gender", "birth_date", "joined_on", "post", "mobile", "id_number")
MATTER_FIELDS = ("level", "status", "deadline", "resolution", "satisfaction")
CADRE_FIELDS = ("name", "unit", "post", "mobile")
ASSIGNMENT_FIELDS = ("cadre", "org", "year", "category")
_MASKS = {"head_id_number": mask_id_card, "id_number": mask_id_card, "mobile": mask_mobile, "phone": mask_phone}


def audit_snapshot(obj, fields) -> dict:
    """Before/after for the audit log, with personal data masked: the log is read by auditors,
    who need to see that an ID number changed, not what it is."""
    data = snapshot(obj, fields)
    return {k: _MASKS[k](v) if k in _MASKS and v else v for k, v in data.items()}


@contextmanager
def _audited(actor: Actor, event: str, obj, fields, after_fields=None):
    """Record `event` for what the `with` block changes in `obj`: its `fields` before, its
    `after_fields` (the same by default) after. Nothing is recorded if the block raises."""
    before = audit_snapshot(obj, fields)
    yield
    record(
        actor, event, obj=obj, org_code=obj.org.code, before=before, after=audit_snapshot(obj, after_fields or fields)
    )


def _delete(actor: Actor, event: str, obj, before: dict) -> None:
    """Delete `obj` and record it; the event names the row by type, id and text, as it is gone."""
    object_type, pk, text, code = obj._meta.label_lower, obj.pk, str(obj), obj.org.code
    obj.delete()
    record(actor, event, object_type=object_type, object_id=str(pk), object_repr=text, org_code=code, before=before)


def _locked(obj):
    """`obj` read again and locked to the end of the transaction, so that two requests cannot
    both move it from the same state."""
    return type(obj).objects.select_for_update().select_related("org").get(pk=obj.pk)


def _village(org: Org) -> Org:
    if org.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("请选择村（社区）"))
    return org


def today() -> date:
    return timezone.localdate()


# --- summary rows -----------------------------------------------------------------------------


def refresh_village(village: Org) -> VillageLiaison:
    """Recount one village's summary row (a few hundred rows at most)."""
    closed = Matter.objects.filter(org=village, status=MatterStatus.CLOSED)
    stats = closed.aggregate(
        n=Count("pk"),
        satisfied=Count("pk", filter=Q(satisfaction=Satisfaction.SATISFIED)),
        basic=Count("pk", filter=Q(satisfaction=Satisfaction.BASIC)),
        unsatisfied=Count("pk", filter=Q(satisfaction=Satisfaction.UNSATISFIED)),
    )
    days = sum((c - r) / timedelta(days=1) for r, c in closed.values_list("reported_at", "closed_at"))
    values = {
        "code": village.code,
        "households": Household.objects.filter(org=village).count(),
        "linked_households": HouseholdLink.objects.filter(org=village).count(),
        "members": PartyMember.objects.filter(org=village).count(),
        "matters_closed": stats["n"],
        "close_days_total": days,
        "satisfied": stats["satisfied"],
        "basic": stats["basic"],
        "unsatisfied": stats["unsatisfied"],
    }
    summary, _created = VillageLiaison.objects.update_or_create(org=village, defaults=values)
    return summary


def rebuild_summaries(prefix: str) -> int:
    """Recompute every summary row under a code prefix with grouped queries (after bulk loads)."""
    from lianxin.core.scope import prefix_q

    villages = list(Org.objects.filter(prefix_q(prefix), kind__in=GRASSROOTS_KINDS).values_list("pk", "code"))

    def counts(model):
        return dict(
            model.objects.filter(prefix_q(prefix, "org__code"))
            .values("org_id")
            .annotate(n=Count("pk"))
            .values_list("org_id", "n")
        )

    households, links, members = counts(Household), counts(HouseholdLink), counts(PartyMember)
    closed = {
        row["org_id"]: row
        for row in Matter.objects.filter(prefix_q(prefix, "org__code"), status=MatterStatus.CLOSED)
        .values("org_id")
        .annotate(
            n=Count("pk"),
            satisfied=Count("pk", filter=Q(satisfaction=Satisfaction.SATISFIED)),
            basic=Count("pk", filter=Q(satisfaction=Satisfaction.BASIC)),
            unsatisfied=Count("pk", filter=Q(satisfaction=Satisfaction.UNSATISFIED)),
        )
    }
    days: dict[int, float] = {}
    for org_id, reported, closed_at in (
        Matter.objects.filter(prefix_q(prefix, "org__code"), status=MatterStatus.CLOSED)
        .values_list("org_id", "reported_at", "closed_at")
        .iterator(chunk_size=5000)
    ):
        days[org_id] = days.get(org_id, 0.0) + (closed_at - reported) / timedelta(days=1)
    with transaction.atomic():
        VillageLiaison.objects.filter(prefix_q(prefix, "code")).delete()
        rows = []
        for pk, code in villages:
            c = closed.get(pk, {})
            rows.append(
                VillageLiaison(
                    org_id=pk,
                    code=code,
                    households=households.get(pk, 0),
                    linked_households=links.get(pk, 0),
                    members=members.get(pk, 0),
                    matters_closed=c.get("n", 0),
                    close_days_total=days.get(pk, 0.0),
                    satisfied=c.get("satisfied", 0),
                    basic=c.get("basic", 0),
                    unsatisfied=c.get("unsatisfied", 0),
                )
            )
        VillageLiaison.objects.bulk_create(rows, batch_size=2000)
        VisitDay.objects.filter(prefix_q(prefix, "code")).delete()
        days_rows = (
            Visit.objects.filter(prefix_q(prefix, "org__code"))
            .values("org_id", "org__code", "date")
            .annotate(n=Count("pk"))
            .order_by()
        )
        VisitDay.objects.bulk_create(
            (
                VisitDay(org_id=r["org_id"], code=r["org__code"], date=r["date"], visits=r["n"])
                for r in days_rows.iterator()
            ),
            batch_size=5000,
        )
    return len(rows)


def _count_visit(village: Org, day: date, n: int = 1) -> None:
    row, _created = VisitDay.objects.get_or_create(org=village, date=day, defaults={"code": village.code})
    VisitDay.objects.filter(pk=row.pk).update(visits=F("visits") + n)


# --- households and members -------------------------------------------------------------------


def _clean(obj, fields) -> None:
    exclude = [f.name for f in obj._meta.fields if f.name not in (*fields, "org")]
    obj.full_clean(exclude=exclude)


@dataclass(frozen=True)
class _Roll:
    """A village's roll of households or of party members: both are kept the same way."""

    model: type
    fields: tuple[str, ...]
    id_field: str  # the ID-card number
    created: str  # audit event names
    updated: str


_HOUSEHOLDS = _Roll(
    Household, HOUSEHOLD_FIELDS, "head_id_number", "liaison.household.create", "liaison.household.update"
)
_MEMBERS = _Roll(PartyMember, MEMBER_FIELDS, "id_number", "liaison.member.create", "liaison.member.update")


def _save_on_roll(roll: _Roll, obj) -> None:
    # The check digit may be typed as x; one spelling keeps lookups and duplicate checks honest.
    setattr(obj, roll.id_field, getattr(obj, roll.id_field).upper())
    _clean(obj, roll.fields)
    obj.save()


def _add_to_roll(actor: Actor, roll: _Roll, village: Org, fields: dict):
    require(actor, Action.LIAISON_EDIT, village.code)
    obj = roll.model(org=_village(village), **fields)
    _save_on_roll(roll, obj)
    refresh_village(village)
    record(actor, roll.created, obj=obj, org_code=village.code, after=audit_snapshot(obj, roll.fields))
    return obj


def _update_on_roll(actor: Actor, roll: _Roll, obj, fields: dict):
    require(actor, Action.LIAISON_EDIT, obj.org.code)
    obj = _locked(obj)
    with _audited(actor, roll.updated, obj, roll.fields):
        for name, value in fields.items():
            if name in roll.fields:
                setattr(obj, name, value)
        _save_on_roll(roll, obj)
    return obj


@transaction.atomic
def create_household(actor: Actor, village: Org, **fields) -> Household:
    return _add_to_roll(actor, _HOUSEHOLDS, village, fields)


@transaction.atomic
def update_household(actor: Actor, household: Household, **fields) -> Household:
    return _update_on_roll(actor, _HOUSEHOLDS, household, fields)


@transaction.atomic
def create_member(actor: Actor, village: Org, **fields) -> PartyMember:
    return _add_to_roll(actor, _MEMBERS, village, fields)


@transaction.atomic
def update_member(actor: Actor, member: PartyMember, **fields) -> PartyMember:
    return _update_on_roll(actor, _MEMBERS, member, fields)


# --- links ------------------------------------------------------------------------------------


@transaction.atomic
def link_household(actor: Actor, member: PartyMember, household: Household) -> HouseholdLink:
    """Make `member` answerable for `household`; both must belong to the same village."""
    require(actor, Action.LIAISON_EDIT, household.org.code)
    if member.org_id != household.org_id:
        raise ValidationError(_("党员与农户须属于同一个村（社区）"))
    household = Household.objects.select_for_update().get(pk=household.pk)
    existing = HouseholdLink.objects.filter(household=household).select_related("member").first()
    if existing is not None:
        if existing.member_id == member.pk:
            return existing
        raise ValidationError(_("该户已由党员 %(m)s 联系，请先解除") % {"m": existing.member.name})
    link = HouseholdLink.objects.create(org_id=household.org_id, member=member, household=household)
    refresh_village(household.org)
    record(
        actor,
        "liaison.link.create",
        obj=link,
        org_code=household.org.code,
        after={"member": member.pk, "household": household.pk},
    )
    return link


@transaction.atomic
def unlink_household(actor: Actor, link: HouseholdLink) -> None:
    require(actor, Action.LIAISON_EDIT, link.org.code)
    village = link.org
    _delete(actor, "liaison.link.delete", link, {"member": link.member_id, "household": link.household_id})
    refresh_village(village)


# --- visits and matters -----------------------------------------------------------------------


@transaction.atomic
def log_visit(
    actor: Actor,
    household: Household,
    *,
    day: date,
    way: str,
    member: PartyMember | None = None,
    raised: str = "",
    category: str = "",
    photo=None,
    make_matter: bool = False,
    matter_title: str = "",
) -> Visit:
    """A member's visit to a household. With `make_matter`, what was raised becomes a matter
    reported at village level. A photo is checked by content and thumbnailed."""
    village = household.org
    require(actor, Action.LIAISON_VISIT, village.code)
    if member is not None and member.org_id != household.org_id:
        raise ValidationError(_("走访党员须与农户属于同一个村（社区）"))
    if day > today():
        raise ValidationError(_("走访日期不能晚于今天"))
    if make_matter and not raised.strip():
        raise ValidationError(_("形成诉求事项时须填写反映情况"))
    visit = Visit(
        org=village,
        household=household,
        member=member,
        date=day,
        way=way,
        raised=raised.strip(),
        category=category,
        created_by=actor.user,
    )
    _clean(visit, ("date", "way", "raised", "category"))
    visit.save()
    if photo is not None:
        attachment = VisitPhoto(visit=visit)
        attachment.fill_from_upload(photo)
        attachment.save()
    _count_visit(village, day)
    record(
        actor,
        "liaison.visit.create",
        obj=visit,
        org_code=village.code,
        after={
            "household": household.pk,
            "member": member.pk if member else None,
            "date": day,
            "way": way,
            "category": category,
            "photo": photo is not None,
        },
    )
    if make_matter:
        _new_matter(
            actor,
            village,
            title=(matter_title or raised)[:100],
            description=raised,
            category=category or "other",
            household=household,
            visit=visit,
        )
    return visit


def _new_matter(actor: Actor, village: Org, *, title, description="", category, household=None, visit=None) -> Matter:
    now = timezone.now()
    matter = Matter(
        org=village,
        household=household,
        visit=visit,
        title=title.strip(),
        description=description,
        category=category,
        level=Level.VILLAGE,
        status=MatterStatus.OPEN,
        reported_at=now,
        deadline=timezone.localdate(now) + timedelta(days=TIME_LIMIT_DAYS[Level.VILLAGE]),
    )
    _clean(matter, ("title", "description", "category"))
    matter.save()
    MatterStep.objects.create(
        matter=matter, kind=StepKind.REPORT, level=Level.VILLAGE, note=description, user=actor.user, at=now
    )
    record(
        actor,
        "liaison.matter.report",
        obj=matter,
        org_code=village.code,
        after=snapshot(matter, ("title", *MATTER_FIELDS)),
    )
    return matter


@transaction.atomic
def report_matter(
    actor: Actor, village: Org, *, title: str, description: str = "", category: str, household=None
) -> Matter:
    """村报告: the village records a matter (not from a visit)."""
    require(actor, Action.LIAISON_EDIT, _village(village).code)
    if household is not None and household.org_id != village.pk:
        raise ValidationError(_("农户不属于该村（社区）"))
    return _new_matter(actor, village, title=title, description=description, category=category, household=household)


def level_code(matter: Matter) -> str:
    """The code of the org that handles the matter at its current level."""
    return matter.org.code[: LEVEL_CODE_LENGTH[matter.level]]


def require_at_level(actor: Actor, action: str, matter: Matter) -> None:
    """404 when the matter is out of the actor's sight; 403 unless the actor holds `action` at
    the level the matter is at (a village cannot settle what the township now holds)."""
    require(actor, Action.LIAISON_VIEW, matter.org.code)
    if actor.user is None:
        return
    if not actor.user.can(action) or not in_scope(actor.user.scope_prefixes(action), level_code(matter)):
        raise PermissionDenied(
            _("该事项目前由%(level)s办理，您无权在此层级操作") % {"level": matter.get_level_display()}
        )


@transaction.atomic
def escalate_matter(actor: Actor, matter: Matter, note: str = "") -> Matter:
    """The village cannot settle it: up to the township; the township cannot: up to the county.
    The new level's time limit starts now."""
    matter = _locked(matter)
    require_at_level(actor, Action.LIAISON_ESCALATE, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结，不能上报"))
    if matter.level not in NEXT_LEVEL:
        raise ValidationError(_("县级是最高办理层级，须在县级办结"))
    if not note.strip():
        raise ValidationError(_("请说明上报原因"))
    with _audited(actor, "liaison.matter.escalate", matter, MATTER_FIELDS):
        now = timezone.now()
        matter.level = NEXT_LEVEL[matter.level]
        matter.escalated_at = now
        matter.deadline = timezone.localdate(now) + timedelta(days=TIME_LIMIT_DAYS[matter.level])
        matter.save(update_fields=["level", "escalated_at", "deadline"])
        MatterStep.objects.create(
            matter=matter, kind=StepKind.ESCALATE, level=matter.level, note=note.strip(), user=actor.user, at=now
        )
    return matter


@transaction.atomic
def close_matter(actor: Actor, matter: Matter, *, resolution: str, satisfaction: str) -> Matter:
    """办结 at the current level, with the household's satisfaction."""
    matter = _locked(matter)
    require_at_level(actor, Action.LIAISON_HANDLE, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结"))
    if not resolution.strip():
        raise ValidationError(_("请填写办理结果"))
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("请选择群众满意度"))
    with _audited(actor, "liaison.matter.close", matter, MATTER_FIELDS):
        now = timezone.now()
        matter.status, matter.closed_at = MatterStatus.CLOSED, now
        matter.resolution, matter.satisfaction = resolution.strip(), satisfaction
        matter.save(update_fields=["status", "closed_at", "resolution", "satisfaction"])
        MatterStep.objects.create(
            matter=matter, kind=StepKind.CLOSE, level=matter.level, note=resolution.strip(), user=actor.user, at=now
        )
        refresh_village(matter.org)
    return matter


# --- cadres, areas, guidance findings ---------------------------------------------------------


@transaction.atomic
def create_cadre(actor: Actor, org: Org, **fields) -> Cadre:
    require(actor, Action.LIAISON_GUIDE, org.code)
    if org.level > OrgLevel.COUNTY or org.kind not in (OrgKind.CITY, OrgKind.COUNTY, OrgKind.PROVINCE):
        raise ValidationError(_("组工干部属于县级及以上组织部门"))
    cadre = Cadre(org=org, **fields)
    _clean(cadre, CADRE_FIELDS)
    cadre.save()
    record(actor, "liaison.cadre.create", obj=cadre, org_code=org.code, after=audit_snapshot(cadre, CADRE_FIELDS))
    return cadre


@transaction.atomic
def assign_area(actor: Actor, cadre: Cadre, area: Org, *, year: int, category: str, note: str = "") -> AreaAssignment:
    """包乡联村: pair a cadre with a township or a branch for a year."""
    require(actor, Action.LIAISON_GUIDE, cadre.org.code)
    require(actor, Action.LIAISON_GUIDE, area.code)
    if area.kind not in (OrgKind.TOWNSHIP, *GRASSROOTS_KINDS):
        raise ValidationError(_("包片范围须是乡镇（街道）或村（社区）"))
    if not area.code.startswith(cadre.org.code):
        raise ValidationError(_("包片范围须在干部所属县（市、区）内"))
    assignment = AreaAssignment(cadre=cadre, org=area, year=year, category=category, note=note)
    _clean(assignment, ("year", "category", "note", "cadre"))
    assignment.save()
    record(
        actor,
        "liaison.area.assign",
        obj=assignment,
        org_code=area.code,
        after=snapshot(assignment, ASSIGNMENT_FIELDS),
    )
    return assignment


@transaction.atomic
def remove_assignment(actor: Actor, assignment: AreaAssignment) -> None:
    require(actor, Action.LIAISON_GUIDE, assignment.org.code)
    _delete(actor, "liaison.area.remove", assignment, snapshot(assignment, ASSIGNMENT_FIELDS))


@transaction.atomic
def record_guidance(
    actor: Actor, cadre: Cadre, area: Org, *, day: date, notes: str = "", findings: list[tuple[str, date]] = ()
) -> GuidanceVisit:
    """A cadre's guidance visit; each finding goes to the township secretary with a deadline."""
    require(actor, Action.LIAISON_GUIDE, area.code)
    require(actor, Action.LIAISON_GUIDE, cadre.org.code)
    if area.kind not in (OrgKind.TOWNSHIP, *GRASSROOTS_KINDS):
        raise ValidationError(_("指导对象须是乡镇（街道）或村（社区）"))
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    visit = GuidanceVisit.objects.create(org=area, cadre=cadre, date=day, notes=notes)
    record(actor, "liaison.guidance.create", obj=visit, org_code=area.code, after={"cadre": cadre.pk, "date": day})
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
            "liaison.finding.open",
            obj=finding,
            org_code=area.code,
            after=snapshot(finding, ("status", "deadline")),
        )
    return visit


def _finding_in(actor: Actor, finding: Finding, action: str, status: str, refusal: str) -> Finding:
    """The finding, once the actor may take `action` on it and it is in `status`. It is locked
    before the status is read, so that the status checked is the one the caller changes."""
    finding = _locked(finding)
    require(actor, action, finding.org.code)
    if finding.status != status:
        raise ValidationError(refusal)
    return finding


@transaction.atomic
def rectify_finding(actor: Actor, finding: Finding, text: str) -> Finding:
    """The township secretary reports what was done."""
    finding = _finding_in(actor, finding, Action.LIAISON_RECTIFY, FindingStatus.OPEN, _("只有待整改的问题可以报整改"))
    if not text.strip():
        raise ValidationError(_("请填写整改情况"))
    with _audited(actor, "liaison.finding.rectify", finding, ("status", "rectification")):
        finding.status, finding.rectification = FindingStatus.RECTIFIED, text.strip()
        finding.rectified_at = timezone.now()
        finding.save(update_fields=["status", "rectification", "rectified_at"])
    return finding


@transaction.atomic
def confirm_finding(actor: Actor, finding: Finding) -> Finding:
    """The cadre's side confirms the rectification: the finding is closed (销号)."""
    finding = _finding_in(
        actor, finding, Action.LIAISON_GUIDE, FindingStatus.RECTIFIED, _("只有已报整改的问题可以确认")
    )
    with _audited(actor, "liaison.finding.confirm", finding, ("status",)):
        finding.status, finding.confirmed_at = FindingStatus.CONFIRMED, timezone.now()
        finding.save(update_fields=["status", "confirmed_at"])
    return finding


@transaction.atomic
def return_finding(actor: Actor, finding: Finding, reason: str) -> Finding:
    """Not rectified after all: back to the township, still under its original deadline."""
    finding = _finding_in(
        actor, finding, Action.LIAISON_GUIDE, FindingStatus.RECTIFIED, _("只有已报整改的问题可以退回")
    )
    if not reason.strip():
        raise ValidationError(_("请填写退回理由"))
    with _audited(actor, "liaison.finding.return", finding, ("status",), ("status", "return_reason")):
        finding.status, finding.return_reason, finding.rectified_at = FindingStatus.OPEN, reason.strip(), None
        finding.save(update_fields=["status", "return_reason", "rectified_at"])
    return finding


# --- consultations ----------------------------------------------------------------------------


@transaction.atomic
def create_consultation(
    actor: Actor,
    village: Org,
    *,
    day: date,
    topic: str,
    attendees: str,
    decisions: str = "",
    matters=(),
    follow_ups: list[tuple[str, str, date]] = (),
) -> Consultation:
    require(actor, Action.LIAISON_EDIT, _village(village).code)
    if day > today():
        raise ValidationError(_("会商日期不能晚于今天"))
    if any(m.org_id != village.pk for m in matters):
        raise ValidationError(_("只能关联本村（社区）的事项"))
    consultation = Consultation(
        org=village, date=day, topic=topic.strip(), attendees=attendees.strip(), decisions=decisions.strip()
    )
    _clean(consultation, ("date", "topic", "attendees", "decisions"))
    consultation.save()
    consultation.matters.set(matters)
    for task, owner, deadline in follow_ups:
        if task.strip():
            FollowUp.objects.create(
                consultation=consultation, task=task.strip(), owner=owner.strip(), deadline=deadline
            )
    record(
        actor,
        "liaison.consultation.create",
        obj=consultation,
        org_code=village.code,
        after={
            "date": day,
            "topic": consultation.topic,
            "matters": [m.pk for m in matters],
            "follow_ups": len(follow_ups),
        },
    )
    return consultation


@transaction.atomic
def complete_follow_up(actor: Actor, follow_up: FollowUp, done_on: date | None = None) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().select_related("consultation__org").get(pk=follow_up.pk)
    code = follow_up.consultation.org.code
    require(actor, Action.LIAISON_EDIT, code)
    if follow_up.done_on is not None:
        raise ValidationError(_("已完成"))
    follow_up.done_on = done_on or today()
    follow_up.save(update_fields=["done_on"])
    record(actor, "liaison.follow_up.complete", obj=follow_up, org_code=code, after={"done_on": follow_up.done_on})
    return follow_up


# --- weak branches ----------------------------------------------------------------------------


@transaction.atomic
def list_weak_branch(
    actor: Actor, village: Org, *, year: int, reasons: str, measures: str = "", cadre: Cadre | None = None
) -> WeakBranch:
    require(actor, Action.LIAISON_GUIDE, _village(village).code)
    weak = WeakBranch(org=village, year=year, reasons=reasons.strip(), measures=measures.strip(), cadre=cadre)
    _clean(weak, ("year", "reasons", "measures", "cadre"))
    weak.save()
    record(
        actor,
        "liaison.weak_branch.list",
        obj=weak,
        org_code=village.code,
        after=snapshot(weak, ("year", "status", "reasons", "cadre")),
    )
    return weak


@transaction.atomic
def delist_weak_branch(actor: Actor, weak: WeakBranch, *, note: str, on: date | None = None) -> WeakBranch:
    weak = _locked(weak)
    require(actor, Action.LIAISON_GUIDE, weak.org.code)
    if weak.status != WeakStatus.LISTED:
        raise ValidationError(_("该支部已摘帽"))
    if not note.strip():
        raise ValidationError(_("请填写整顿成效（摘帽说明）"))
    with _audited(
        actor, "liaison.weak_branch.delist", weak, ("status", "delisted_on"), ("status", "delisted_on", "delist_note")
    ):
        weak.status, weak.delisted_on, weak.delist_note = WeakStatus.DELISTED, on or today(), note.strip()
        weak.save(update_fields=["status", "delisted_on", "delist_note"])
    return weak


def totals_for_village(village: Org) -> dict:
    """Handy for the village page: the summary row, or zeros."""
    row = VillageLiaison.objects.filter(org=village).first()
    return {
        "households": row.households if row else 0,
        "linked": row.linked_households if row else 0,
        "members": row.members if row else 0,
        "visits_30": VisitDay.objects.filter(org=village, date__gte=today() - timedelta(days=29)).aggregate(
            n=Sum("visits")
        )["n"]
        or 0,
    }
