"""Matters (诉求事项): 村报告、乡处理、县办结. Each level has a time limit; only a user who holds
the action at the level the matter is at may escalate or close it. The county may hand a matter
to one of its responsible units (责任单位); that unit's users then see and close it, and only
it: a unit hangs from the county's code, so its scope is the county's, narrowed here to the
matters handed to its own org (as a task force's review steps are to its star). Satisfaction is
the household's answer in the township's return visit (`return_visits`), not the closer's."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked
from lianxin.core.permissions import can_at, in_scope, require
from lianxin.liaison.choices import (
    LEVEL_CODE_LENGTH,
    NEXT_LEVEL,
    TIME_LIMIT_DAYS,
    Level,
    MatterStatus,
    StepKind,
)
from lianxin.liaison.models import Matter, MatterStep
from lianxin.liaison.plugin import Action
from lianxin.liaison.rollups import refresh_county
from lianxin.liaison.services.summaries import refresh_village
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.registers.services import not_anonymised, village_only

MATTER_FIELDS = ("level", "status", "deadline", "resolution", "unit")


def new_matter(actor: Actor, village: Org, *, title, description="", category, household=None, visit=None) -> Matter:
    """A matter reported at village level, its first step and its event (the caller holds the
    transaction and has checked the permission)."""
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
    clean_fields(matter, ("title", "description", "category"))
    matter.save()
    refresh_county(village)
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
    require(actor, Action.LIAISON_EDIT, village_only(village).code)
    if household is not None and household.org_id != village.pk:
        raise ValidationError(_("农户不属于该村（社区）"))
    not_anonymised(household)
    return new_matter(actor, village, title=title, description=description, category=category, household=household)


def level_code(matter: Matter) -> str:
    """The code of the org that handles the matter at its current level."""
    return matter.org.code[: LEVEL_CODE_LENGTH[matter.level]]


def unit_ids(user) -> list[int]:
    """The responsible units `user` answers for (their Role.UNIT assignments)."""
    if user is None or not user.can(Action.LIAISON_UNIT):
        return []
    return [a.org_id for a in user.assignments if a.role == Role.UNIT]


def handed_matters(user):
    """The matters handed to `user`'s responsible units: the unit's scope is its county's (a
    unit hangs from the county's code), narrowed to its own org."""
    return Matter.objects.restrict(user, Action.LIAISON_UNIT).filter(unit__in=unit_ids(user))


def handles_as_unit(user, matter: Matter) -> bool:
    """`user` works in the responsible unit the matter was handed to."""
    return matter.unit_id is not None and matter.unit_id in unit_ids(user)


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


def can_escalate(user, matter: Matter) -> bool:
    """Whether `escalate_matter` would let `user` pass this open matter up a level (for the page)."""
    is_open = matter.status == MatterStatus.OPEN and matter.level in NEXT_LEVEL
    return is_open and can_at(user, Action.LIAISON_ESCALATE, level_code(matter))


def can_close(user, matter: Matter) -> bool:
    """Whether `close_matter` would let `user` close this matter at its level, or as the unit it
    was handed to (for the page)."""
    if matter.status != MatterStatus.OPEN:
        return False
    return handles_as_unit(user, matter) or can_at(user, Action.LIAISON_HANDLE, level_code(matter))


def can_assign(user, matter: Matter) -> bool:
    """Whether `assign_matter` would let `user` hand this matter to a unit (for the page)."""
    is_county = matter.status == MatterStatus.OPEN and matter.level == Level.COUNTY
    return is_county and can_at(user, Action.LIAISON_ASSIGN, level_code(matter))


def units_for(matter: Matter):
    """The responsible units of the matter's county, the ones it may be handed to."""
    return Org.objects.filter(kind=OrgKind.RESPONSIBLE_UNIT, parent__code=level_code(matter)).order_by("code")


@transaction.atomic
def escalate_matter(actor: Actor, matter: Matter, note: str = "") -> Matter:
    """The village cannot settle it: up to the township; the township cannot: up to the county.
    The new level's time limit starts now."""
    matter = locked(matter)
    require_at_level(actor, Action.LIAISON_ESCALATE, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结，不能上报"))
    if matter.level not in NEXT_LEVEL:
        raise ValidationError(_("县级是最高办理层级，须在县级办结"))
    if not note.strip():
        raise ValidationError(_("请说明上报原因"))
    with audited(actor, "liaison.matter.escalate", matter, MATTER_FIELDS):
        now = timezone.now()
        matter.level = NEXT_LEVEL[matter.level]
        matter.escalated_at = now
        matter.deadline = timezone.localdate(now) + timedelta(days=TIME_LIMIT_DAYS[matter.level])
        matter.save(update_fields=["level", "escalated_at", "deadline"])
        refresh_county(matter.org)
        MatterStep.objects.create(
            matter=matter, kind=StepKind.ESCALATE, level=matter.level, note=note.strip(), user=actor.user, at=now
        )
    return matter


@transaction.atomic
def assign_matter(actor: Actor, matter: Matter, *, unit: Org, note: str = "") -> Matter:
    """县交办: the county hands a matter it holds to one of its responsible units (or to another
    one, when the first was the wrong door); the unit's time limit is the county's."""
    matter = locked(matter)
    require_at_level(actor, Action.LIAISON_ASSIGN, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结，不能交办"))
    if matter.level != Level.COUNTY:
        raise ValidationError(_("只有上报到县级的事项可以交办责任单位"))
    if not units_for(matter).filter(pk=unit.pk).exists():
        raise ValidationError(_("请选择本县（市、区）的责任单位"))
    if unit.pk == matter.unit_id:
        raise ValidationError(_("事项已交办给该单位"))
    with audited(actor, "liaison.matter.assign", matter, MATTER_FIELDS):
        matter.unit = unit
        matter.save(update_fields=["unit"])
        MatterStep.objects.create(
            matter=matter,
            kind=StepKind.ASSIGN,
            level=matter.level,
            note=f"{unit.short_name}：{note.strip()}" if note.strip() else unit.short_name,
            user=actor.user,
        )
    return matter


def _require_closer(actor: Actor, matter: Matter) -> None:
    if actor.user is not None and handles_as_unit(actor.user, matter):
        require(actor, Action.LIAISON_UNIT, matter.org.code)
        return
    require_at_level(actor, Action.LIAISON_HANDLE, matter)


@transaction.atomic
def close_matter(actor: Actor, matter: Matter, *, resolution: str) -> Matter:
    """办结 at the current level (or by the unit it was handed to). Whether the household is
    satisfied is asked later, in the township's return visit."""
    matter = locked(matter)
    _require_closer(actor, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结"))
    if not resolution.strip():
        raise ValidationError(_("请填写办理结果"))
    with audited(actor, "liaison.matter.close", matter, MATTER_FIELDS):
        now = timezone.now()
        matter.status, matter.closed_at = MatterStatus.CLOSED, now
        matter.resolution = resolution.strip()
        matter.save(update_fields=["status", "closed_at", "resolution"])
        MatterStep.objects.create(
            matter=matter, kind=StepKind.CLOSE, level=matter.level, note=resolution.strip(), user=actor.user, at=now
        )
        refresh_village(matter.org)
    return matter
