"""Every change to the key-matters lists is one function here: guard, lock, change and record
the audit event in one transaction. A unit keeps 3–6 open matters: the count is taken with the
unit's row locked, so two clerks adding at once cannot make a seventh.

Who keeps a list: the people holding a role at the unit itself (a township's secretary, a task
force, a responsible unit); the creation office's list is kept by the county office, which holds
its role at the county. Non-geographic units carry their county's code plus a mark
(410883ZB01), so the scope ranges of the county cover them and a township's do not.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter, ListReview, ProgressNote
from lianxin.keymatters.months import first_day
from lianxin.keymatters.plugin import Action
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org

KEEPER_KINDS = (OrgKind.TOWNSHIP, OrgKind.TASK_FORCE, OrgKind.RESPONSIBLE_UNIT, OrgKind.CREATION_OFFICE)
MIN_OPEN, MAX_OPEN = 3, 6
KEEPER_ROLES = frozenset({Role.TOWNSHIP, Role.TASK_FORCE, Role.UNIT})
MATTER_FIELDS = ("title", "owner", "deadline", "star", "entered_on", "status")


def may_keep(user, unit: Org) -> bool:
    """Whether `user` keeps `unit`'s list: a keeper role at the unit itself, or the county
    office for its creation office. Reads the user's cached assignments: no query."""
    if unit.kind not in KEEPER_KINDS or not can_at(user, Action.KEYMATTERS_KEEP, unit.code):
        return False
    return any(
        (a.role in KEEPER_ROLES and a.org_id == unit.pk)
        or (a.role == Role.OFFICE and unit.kind == OrgKind.CREATION_OFFICE and a.org_id == unit.parent_id)
        for a in user.assignments
    )


def kept_units(user):
    """The units whose lists `user` keeps, as a queryset (no query until read)."""
    direct = [a.org_id for a in user.assignments if a.role in KEEPER_ROLES and a.org.kind in KEEPER_KINDS]
    counties = [a.org_id for a in user.assignments if a.role == Role.OFFICE]
    return Org.objects.filter(Q(pk__in=direct) | Q(parent_id__in=counties, kind=OrgKind.CREATION_OFFICE))


def _require_keeper(actor: Actor, unit: Org) -> None:
    require(actor, Action.KEYMATTERS_KEEP, unit.code)
    if actor.user is not None and not may_keep(actor.user, unit):
        raise PermissionDenied(_("只有本单位可以维护本单位的重点事项清单"))


def _check_villages(unit: Org, villages) -> list[Org]:
    jurisdiction = unit.scope_code
    villages = list(villages)
    for village in villages:
        if village.kind not in GRASSROOTS_KINDS or not village.code.startswith(jurisdiction):
            raise ValidationError(_("%(v)s 不是本单位范围内的村（社区）") % {"v": village.short_name})
    return villages


@transaction.atomic
def add_matter(
    actor: Actor,
    unit: Org,
    *,
    title: str,
    owner: str,
    deadline: date,
    star: str = "",
    description: str = "",
    villages=(),
    on: date | None = None,
) -> KeyMatter:
    """Enter a matter on the unit's list. A seventh open matter is refused: the list keeps only
    the most urgent ones, so one must be done before another enters."""
    if unit.kind not in KEEPER_KINDS:
        raise ValidationError(_("只有乡镇（街道）、工作专班、责任单位和创建办有重点事项清单"))
    _require_keeper(actor, unit)
    unit = Org.objects.select_for_update().get(pk=unit.pk)
    on = on or today()
    if KeyMatter.objects.filter(org=unit, status=MatterStatus.OPEN).count() >= MAX_OPEN:
        raise ValidationError(
            _("%(unit)s 已有 %(n)d 项在推重点事项，清单最多 %(n)d 项：请先办结一项，再列入新的事项")
            % {"unit": unit.short_name, "n": MAX_OPEN}
        )
    if deadline < on:
        raise ValidationError({"deadline": _("完成时限不能早于列入日期")})
    matter = KeyMatter(
        org=unit,
        title=title.strip(),
        owner=owner.strip(),
        deadline=deadline,
        star=star,
        description=description.strip(),
        entered_on=on,
    )
    clean_fields(matter, ("title", "owner", "deadline", "star", "description", "entered_on"))
    matter.save()
    villages = _check_villages(unit, villages)
    matter.villages.set(villages)
    after = snapshot(matter, MATTER_FIELDS) | {"villages": [v.code for v in villages]}
    record(actor, "keymatters.matter.add", obj=matter, org_code=unit.code, after=after)
    return matter


def _open_matter(actor: Actor, matter: KeyMatter) -> KeyMatter:
    matter = locked(matter)
    _require_keeper(actor, matter.org)
    if matter.status != MatterStatus.OPEN:
        raise ValidationError(_("该事项已办结"))
    return matter


def can_keep_matter(user, matter: KeyMatter) -> bool:
    return matter.status == MatterStatus.OPEN and may_keep(user, matter.org)


@transaction.atomic
def add_progress(actor: Actor, matter: KeyMatter, text: str, on: date | None = None) -> ProgressNote:
    matter = _open_matter(actor, matter)
    if not text.strip():
        raise ValidationError(_("请填写推进情况"))
    author = actor.user.name if actor.user is not None else actor.label
    note = ProgressNote.objects.create(matter=matter, on=on or today(), text=text.strip(), author=author)
    record(
        actor,
        "keymatters.matter.progress",
        obj=matter,
        org_code=matter.org.code,
        after={"on": note.on, "text": note.text},
    )
    return note


@transaction.atomic
def complete_matter(actor: Actor, matter: KeyMatter, note: str, on: date | None = None) -> KeyMatter:
    """Done: the matter leaves the list after this month (kept in history), making room."""
    matter = _open_matter(actor, matter)
    on = on or today()
    if not note.strip():
        raise ValidationError(_("请填写办结情况"))
    if on < matter.entered_on:
        raise ValidationError(_("办结日期不能早于列入日期"))
    with audited(actor, "keymatters.matter.complete", matter, ("status", "done_on")):
        matter.status, matter.done_on, matter.done_note = MatterStatus.DONE, on, note.strip()
        matter.save(update_fields=["status", "done_on", "done_note"])
    return matter


def can_review(user, unit: Org) -> bool:
    return unit.kind in KEEPER_KINDS and can_at(user, Action.KEYMATTERS_REVIEW, unit.code)


@transaction.atomic
def review_list(actor: Actor, unit: Org, month: date, *, grade: str, comment: str) -> ListReview:
    """The office's comment and grade on a unit's list of a month; a second review of the same
    month replaces the first (both are in the audit log)."""
    require(actor, Action.KEYMATTERS_REVIEW, unit.code)
    if unit.kind not in KEEPER_KINDS:
        raise ValidationError(_("只有乡镇（街道）、工作专班、责任单位和创建办有重点事项清单"))
    month = first_day(month)
    if month > first_day(today()):
        raise ValidationError(_("不能点评还没到的月份"))
    review = ListReview.objects.select_for_update().filter(org=unit, month=month).first()
    before = snapshot(review, ("grade", "comment")) if review else None
    review = review or ListReview(org=unit, month=month)
    review.grade, review.comment = grade, comment.strip()
    review.reviewer = actor.user.name if actor.user is not None else actor.label
    clean_fields(review, ("grade", "comment", "month"))
    review.save()
    after = snapshot(review, ("grade", "comment")) | {"month": f"{month:%Y-%m}"}
    record(actor, "keymatters.review.save", obj=review, org_code=unit.code, before=before, after=after)
    return review
