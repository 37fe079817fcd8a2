"""Matters (诉求事项): 村报告、乡处理、县办结. Each level has a time limit; only a user who holds
the action at the level the matter is at may escalate or close it; closing records the
household's satisfaction in the village's summary row."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked
from lianxin.core.permissions import can_at, in_scope, require
from lianxin.liaison.choices import (
    LEVEL_CODE_LENGTH,
    NEXT_LEVEL,
    TIME_LIMIT_DAYS,
    Level,
    MatterStatus,
    Satisfaction,
    StepKind,
)
from lianxin.liaison.models import Matter, MatterStep
from lianxin.liaison.plugin import Action
from lianxin.liaison.services.summaries import refresh_village
from lianxin.orgs.models import Org
from lianxin.registers.services import not_anonymised, village_only

MATTER_FIELDS = ("level", "status", "deadline", "resolution", "satisfaction")


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
    """Whether `close_matter` would let `user` close this matter at its level (for the page)."""
    return matter.status == MatterStatus.OPEN and can_at(user, Action.LIAISON_HANDLE, level_code(matter))


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
        MatterStep.objects.create(
            matter=matter, kind=StepKind.ESCALATE, level=matter.level, note=note.strip(), user=actor.user, at=now
        )
    return matter


@transaction.atomic
def close_matter(actor: Actor, matter: Matter, *, resolution: str, satisfaction: str) -> Matter:
    """办结 at the current level, with the household's satisfaction."""
    matter = locked(matter)
    require_at_level(actor, Action.LIAISON_HANDLE, matter)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("事项已办结"))
    if not resolution.strip():
        raise ValidationError(_("请填写办理结果"))
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("请选择群众满意度"))
    with audited(actor, "liaison.matter.close", matter, MATTER_FIELDS):
        now = timezone.now()
        matter.status, matter.closed_at = MatterStatus.CLOSED, now
        matter.resolution, matter.satisfaction = resolution.strip(), satisfaction
        matter.save(update_fields=["status", "closed_at", "resolution", "satisfaction"])
        MatterStep.objects.create(
            matter=matter, kind=StepKind.CLOSE, level=matter.level, note=resolution.strip(), user=actor.user, at=now
        )
        refresh_village(matter.org)
    return matter
