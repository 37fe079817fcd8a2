"""Scoring a subject for a period: the scorer in scope fills in the items (with evidence and
comments), the auto-filled items are computed, the weighted total kept; a submitted score may
be returned once, with a reason; closing a period locks its scores; an outcome is recorded only
on a locked year score. The task forces' monthly meetings are recorded here as well."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.assessment.choices import COUNTY_SCORED, PeriodKind, ScoreStatus
from lianxin.assessment.models import ItemScore, Meeting, Outcome, Period, Score, ScoringItem, Subject
from lianxin.assessment.plugin import Action
from lianxin.assessment.services.autofill import auto_points
from lianxin.assessment.services.ranking import rank_period
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import OrgKind, OrgLevel, ancestor_code
from lianxin.orgs.models import Org

EDITABLE = (ScoreStatus.DRAFT, ScoreStatus.RETURNED)
SCORE_FIELDS = ("status", "total", "return_reason")


@dataclass(frozen=True)
class Entry:
    """What a scorer gives for one item."""

    points: Decimal
    evidence: str = ""
    comment: str = ""


def scorer_code(subject: Subject) -> str:
    """Where a scorer's scope must reach: the county for task forces and township secretaries,
    the township for village secretaries and star leaders."""
    level = OrgLevel.COUNTY if subject.kind in COUNTY_SCORED else OrgLevel.TOWNSHIP
    return ancestor_code(subject.org.code, level)


def can_score(user, score: Score) -> bool:
    return (
        score.status in EDITABLE
        and not score.period.is_closed
        and can_at(user, Action.ASSESSMENT_SCORE, scorer_code(score.subject))
    )


def can_return_score(user, score: Score) -> bool:
    return (
        score.status == ScoreStatus.SUBMITTED
        and not score.returned_once
        and can_at(user, Action.ASSESSMENT_MANAGE, score.period.scheme.org.code)
    )


def can_close_period(user, period: Period) -> bool:
    return not period.is_closed and can_at(user, Action.ASSESSMENT_MANAGE, period.scheme.org.code)


def can_set_outcome(user, score: Score) -> bool:
    return (
        score.period.kind == PeriodKind.YEAR
        and score.status == ScoreStatus.LOCKED
        and can_at(user, Action.ASSESSMENT_MANAGE, score.period.scheme.org.code)
    )


def _items(period: Period, subject: Subject) -> list[ScoringItem]:
    return list(
        ScoringItem.objects.filter(dimension__scheme_id=period.scheme_id, dimension__subject_kind=subject.kind)
        .select_related("dimension")
        .order_by("dimension_id", "number")
    )


def weighted_total(items: list[ScoringItem], points: dict[int, Decimal]) -> Decimal:
    """Sum over dimensions of weight × points / max points: out of 100 when weights add to 100."""
    by_dimension: dict[int, tuple[int, Decimal, Decimal]] = {}
    for item in items:
        weight, got, full = by_dimension.get(item.dimension_id, (item.dimension.weight, Decimal(0), Decimal(0)))
        by_dimension[item.dimension_id] = (weight, got + points.get(item.pk, Decimal(0)), full + item.max_points)
    total = sum((weight * got / full for weight, got, full in by_dimension.values() if full), Decimal(0))
    return total.quantize(Decimal("0.01"))


def _checked(items: list[ScoringItem], entries: dict[int, Entry]) -> None:
    known = {i.pk: i for i in items}
    for pk, entry in entries.items():
        item = known.get(pk)
        if item is None or item.auto_source:
            raise ValidationError(_("评分项不属于本方案或为自动计算项"))
        if not Decimal(0) <= entry.points <= item.max_points:
            raise ValidationError(_("“%(item)s”得分须在0到%(max)s之间") % {"item": item.title, "max": item.max_points})


def _score_for(period: Period, subject: Subject) -> Score:
    score = Score.objects.select_for_update().filter(period=period, subject=subject).first()
    return score or Score(period=period, subject=subject, org=subject.org, kind=subject.kind)


@transaction.atomic
def save_score(actor: Actor, period: Period, subject: Subject, entries: dict[int, Entry]) -> Score:
    """The scorer's points for some items (by item id); the auto-filled items are computed again
    and the total kept. A draft or returned score only, in an open period."""
    require(actor, Action.ASSESSMENT_SCORE, scorer_code(subject))
    period = locked_period(period)
    if period.is_closed:
        raise ValidationError(_("该考核周期已关闭"))
    if subject.org.ancestor_code(OrgLevel.COUNTY) != period.scheme.org.code:
        raise ValidationError(_("考核对象不在本方案的县（市、区）内"))
    score = _score_for(period, subject)
    if score.pk and score.status not in EDITABLE:
        raise ValidationError(_("已提交或已锁定的评分不能修改"))
    before = snapshot(score, SCORE_FIELDS) if score.pk else None
    items = _items(period, subject)
    _checked(items, entries)
    score.scorer = actor.user
    score.save()
    stored = {row.item_id: row for row in score.items.all()}
    for item in items:
        if not item.auto_source and item.pk not in entries:
            continue
        row = stored.get(item.pk) or ItemScore(score=score, item=item, points=Decimal(0))
        if item.auto_source:
            row.points, row.auto = auto_points(item, subject, period), True
        else:
            entry = entries[item.pk]
            row.points, row.evidence, row.comment = entry.points, entry.evidence.strip(), entry.comment.strip()
        row.save()
        stored[item.pk] = row
    score.total = weighted_total(items, {pk: row.points for pk, row in stored.items()})
    score.save(update_fields=["total"])
    record(
        actor,
        "assessment.score.save",
        obj=score,
        org_code=subject.org.code,
        before=before,
        after=snapshot(score, SCORE_FIELDS),
    )
    return score


def can_open_scores(user, period: Period) -> bool:
    return not period.is_closed and user.can(Action.ASSESSMENT_SCORE)


@transaction.atomic
def open_scores(actor: Actor, period: Period) -> int:
    """Start a draft score, with its auto-filled items, for every subject of the county the
    actor may score and that has none in the period yet. Returns how many were started."""
    scored = set(Score.objects.filter(period=period).values_list("subject_id", flat=True))
    subjects = Subject.objects.filter(prefix_q(period.scheme.org.code, "org__code")).select_related("org")
    if actor.user is not None:
        subjects = subjects.restrict(actor.user, Action.ASSESSMENT_SCORE)
    started = 0
    for subject in subjects.exclude(pk__in=scored):
        if actor.user is None or can_at(actor.user, Action.ASSESSMENT_SCORE, scorer_code(subject)):
            save_score(actor, period, subject, {})
            started += 1
    return started


def locked_period(period: Period) -> Period:
    return Period.objects.select_for_update().select_related("scheme__org").get(pk=period.pk)


@transaction.atomic
def submit_score(actor: Actor, score: Score) -> Score:
    """Submitted once every item has points; a returned score is submitted again."""
    score = locked(score)
    require(actor, Action.ASSESSMENT_SCORE, scorer_code(score.subject))
    if score.status not in EDITABLE or locked_period(score.period).is_closed:
        raise ValidationError(_("只有评分中或已退回的评分可以提交"))
    missing = ScoringItem.objects.filter(
        dimension__scheme_id=score.period.scheme_id, dimension__subject_kind=score.kind
    ).exclude(pk__in=score.items.values("item_id"))
    if missing.exists():
        raise ValidationError(_("还有评分项未打分：%(item)s") % {"item": missing.first().title})
    with audited(actor, "assessment.score.submit", score, SCORE_FIELDS):
        score.status, score.submitted_at = ScoreStatus.SUBMITTED, timezone.now()
        score.save(update_fields=["status", "submitted_at"])
    return score


@transaction.atomic
def return_score(actor: Actor, score: Score, reason: str) -> Score:
    """The office sends a submitted score back to its scorer, once, with a reason."""
    score = locked(score)
    require(actor, Action.ASSESSMENT_MANAGE, score.period.scheme.org.code)
    if score.status != ScoreStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的评分可以退回"))
    if score.returned_once:
        raise ValidationError(_("该评分已退回过一次，不能再次退回"))
    if not reason.strip():
        raise ValidationError(_("请填写退回理由"))
    with audited(actor, "assessment.score.return", score, SCORE_FIELDS):
        score.status, score.returned_once, score.return_reason = ScoreStatus.RETURNED, True, reason.strip()
        score.save(update_fields=["status", "returned_once", "return_reason"])
    return score


@transaction.atomic
def close_period(actor: Actor, period: Period) -> int:
    """Close the period: every score in it is locked, whatever its state, and ranked. Returns how many."""
    period = locked_period(period)
    require(actor, Action.ASSESSMENT_MANAGE, period.scheme.org.code)
    if period.is_closed:
        raise ValidationError(_("该考核周期已关闭"))
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at"])
    count = Score.objects.filter(period=period).update(status=ScoreStatus.LOCKED)
    rank_period(period)
    record(actor, "assessment.period.close", obj=period, org_code=period.scheme.org.code, after={"locked": count})
    return count


@transaction.atomic
def set_outcome(actor: Actor, score: Score, *, award: bool, promotion: bool, grade: str, note: str = "") -> Outcome:
    """评优评先, 提拔参考 and the 绩效 grade, on a locked year score only."""
    score = locked(score)
    require(actor, Action.ASSESSMENT_MANAGE, score.period.scheme.org.code)
    if score.period.kind != PeriodKind.YEAR or score.status != ScoreStatus.LOCKED:
        raise ValidationError(_("只有已锁定的年度考核得分才能运用结果"))
    outcome = Outcome.objects.filter(score=score).first()
    fields = ("award", "promotion", "grade", "note")
    before = snapshot(outcome, fields) if outcome else None
    outcome = outcome or Outcome(score=score, org=score.org)
    outcome.award, outcome.promotion, outcome.grade, outcome.note = award, promotion, grade, note.strip()
    outcome.full_clean(exclude=["score", "org"])
    outcome.save()
    record(
        actor,
        "assessment.outcome.save",
        obj=outcome,
        org_code=score.org.code,
        before=before,
        after=snapshot(outcome, fields),
    )
    return outcome


@transaction.atomic
def record_meeting(
    actor: Actor, task_force: Org, *, day: date, attendees: str, head_attended: bool, progress: str = ""
) -> Meeting:
    """A task force's monthly meeting: who came, whether the head attended and reported."""
    require(actor, Action.ASSESSMENT_MEETING, task_force.code)
    if task_force.kind != OrgKind.TASK_FORCE:
        raise ValidationError(_("例会须属于工作专班"))
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    if not attendees.strip():
        raise ValidationError(_("请填写参会人员"))
    meeting = Meeting.objects.create(
        org=task_force, date=day, attendees=attendees.strip(), head_attended=head_attended, progress=progress.strip()
    )
    record(
        actor,
        "assessment.meeting.create",
        obj=meeting,
        org_code=task_force.code,
        after=snapshot(meeting, ("date", "head_attended")),
    )
    return meeting
