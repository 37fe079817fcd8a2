"""Review steps: who may decide a step (one predicate, used by the service, the queue and the
page's review forms alike), and the decision itself, which moves the application along its
chain."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record
from lianxin.core.permissions import in_scope, require
from lianxin.orgs.choices import OrgLevel
from lianxin.rating.choices import DECISION_STATUS, ApplicationStatus, Decision, StepKind, StepStatus
from lianxin.rating.models import Application, ItemScore, ReviewStep
from lianxin.rating.plugin import Action
from lianxin.rating.services.applications import lock_application, open_step, work_items_for
from lianxin.rating.services.config import config_for, county_of

STEP_ACTIONS = {
    StepKind.TOWNSHIP: Action.RATING_REVIEW_TOWNSHIP,
    StepKind.TASK_FORCE: Action.RATING_REVIEW_STAR,
    StepKind.OFFICE: Action.RATING_DECIDE,
}


# --- who reviews ---------------------------------------------------------------------------------


def conflict_of_interest(user, application: Application, kind: str) -> bool:
    """Nobody reviews an application from an org they belong to: a reviewer holding any role at
    the applying village is excluded from every step; above the township's own preliminary
    review, a role at the village's township excludes too (its people already judged it)."""
    if user is None:
        return False
    orgs = {a.org.code for a in user.assignments}
    village = application.org
    if village.code in orgs:
        return True
    return kind != StepKind.TOWNSHIP and village.ancestor_code(OrgLevel.TOWNSHIP) in orgs


def review_refusal(user, step: ReviewStep) -> str | None:
    """Why `user` may not decide `step`, or None when they may: the one reviewer-eligibility rule,
    enforced by `review` and used by the queue and the application page to offer the form. The
    step's action at the applying village; for a task force's step, a role in the task force the
    step names; and no conflict of interest."""
    application = step.application
    action = STEP_ACTIONS[step.kind]
    if user is None or not user.can(action) or not in_scope(user.scope_prefixes(action), application.org.code):
        return _("没有审核该环节的权限")
    if step.kind == StepKind.TASK_FORCE and not any(
        a.role == Role.TASK_FORCE and a.org_id == step.reviewer_org_id for a in user.assignments
    ):
        return _("只有负责该星的工作专班可以审核")
    if conflict_of_interest(user, application, step.kind):
        return _("不能审核本人所在单位的申报")
    return None


def may_review(user, step: ReviewStep) -> bool:
    return review_refusal(user, step) is None


def is_current(step: ReviewStep, application: Application) -> bool:
    """The step waits for its decision now: pending, of this round and of the current link."""
    return (
        application.status == ApplicationStatus.IN_REVIEW
        and step.status == StepStatus.PENDING
        and step.round == application.round
        and step.index == application.step_index
    )


def can_review_step(user, step: ReviewStep) -> bool:
    """Whether the page offers `user` the review form of `step`."""
    return is_current(step, step.application) and may_review(user, step)


def steps_awaiting(user, limit: int = 500) -> list[ReviewStep]:
    """The pending steps `user` may decide, earliest deadline first (the queue, the API's `mine`).
    The query narrows by step kind and task force; `may_review` has the last word."""
    kinds = [kind for kind, action in STEP_ACTIONS.items() if user.can(action)]
    forces = [a.org_id for a in user.assignments if a.role == Role.TASK_FORCE]
    steps = (
        ReviewStep.objects.restrict(user, Action.RATING_VIEW)
        .filter(status=StepStatus.PENDING, kind__in=kinds)
        .filter(~Q(kind=StepKind.TASK_FORCE) | Q(reviewer_org__pk__in=forces))
        .select_related("application__org__parent", "reviewer_org")
        .order_by("deadline", "pk")
    )
    return [step for step in steps[:limit] if may_review(user, step)]


def _check_reviewer(actor: Actor, step: ReviewStep, application: Application) -> None:
    require(actor, STEP_ACTIONS[step.kind], application.org.code)
    refusal = review_refusal(actor.user, step) if actor.user is not None else None
    if refusal:
        raise PermissionDenied(refusal)


# --- the decision --------------------------------------------------------------------------------


def _item_scores(step: ReviewStep, application: Application, scores: dict) -> list[ItemScore]:
    if not scores:
        return []
    if step.kind != StepKind.TASK_FORCE:
        raise ValidationError(_("工作项评分由工作专班给出"))
    allowed = {i.pk: i for i in work_items_for(application, step.star)}
    rows = []
    for item, value in scores.items():
        pk = getattr(item, "pk", item)
        if pk not in allowed:
            raise ValidationError(_("评分的工作项不属于%(star)s") % {"star": step.get_star_display()})
        value = Decimal(str(value))
        if not 0 <= value <= 100:
            raise ValidationError(_("得分应在0—100之间"))
        rows.append(ItemScore(step=step, work_item=allowed[pk], score=value))
    return rows


@transaction.atomic
def review(
    actor: Actor, step: ReviewStep, decision: str, *, comment: str = "", score=None, item_scores=None
) -> ReviewStep:
    """Approve, return to the village, or reject at one step. A task force decides only its
    star; the application moves on when every star's review is in."""
    application = lock_application(step.application)
    step = ReviewStep.objects.select_for_update().get(pk=step.pk)
    step.application = application
    _check_reviewer(actor, step, application)
    if not is_current(step, application):
        raise ValidationError(_("该审核已办理或已不在当前环节"))
    if decision not in Decision.values:
        raise ValidationError(_("无效的审核结果"))
    comment = (comment or "").strip()
    if decision != Decision.APPROVE and not comment:
        raise ValidationError(_("退回或不通过须填写理由"))
    scores = _item_scores(step, application, item_scores or {})
    if score is not None:
        score = Decimal(str(score))
    elif scores:
        score = sum(s.score for s in scores) / len(scores)
    before = {"status": application.status, "step": step.kind, "step_status": step.status}
    step.status, step.comment, step.score = DECISION_STATUS[decision], comment, score
    step.decided_by, step.decided_at = actor.user, timezone.now()
    step.save()
    ItemScore.objects.bulk_create(scores)

    siblings = ReviewStep.objects.filter(application=application, round=application.round, index=application.step_index)
    if decision == Decision.RETURN:
        siblings.filter(status=StepStatus.PENDING).update(status=StepStatus.CANCELLED)
        application.status, application.return_reason, application.step_kind = ApplicationStatus.RETURNED, comment, ""
        application.approved_stars = []  # the next submission is reviewed afresh
    elif decision == Decision.REJECT and step.kind != StepKind.TASK_FORCE:
        siblings.filter(status=StepStatus.PENDING).update(status=StepStatus.CANCELLED)
        application.status, application.reject_reason, application.step_kind = ApplicationStatus.REJECTED, comment, ""
        application.approved_stars = []
    elif not siblings.filter(status=StepStatus.PENDING).exists():
        _advance(application, siblings)
    application.save()
    record(
        actor,
        f"rating.review.{decision}",
        obj=application,
        object_repr=str(step),
        org_code=application.org.code,
        before=before,
        after={
            "status": application.status,
            "step": step.kind,
            "star": step.star,
            "step_status": step.status,
            "comment": comment,
            "score": score,
            "approved_stars": application.approved_stars,
        },
    )
    return step


def _advance(application: Application, decided) -> None:
    """Every review of the current step is in: keep the approved stars and open the next step."""
    if application.step_kind == StepKind.TASK_FORCE:
        approved = set(decided.filter(status=StepStatus.APPROVED).values_list("star", flat=True))
        application.approved_stars = [s for s in application.stars if s in approved]
        if not application.approved_stars:
            application.status, application.step_kind = ApplicationStatus.REJECTED, ""
            application.reject_reason = "；".join(decided.exclude(comment="").values_list("comment", flat=True))
            return
    application.step_index += 1
    if application.step_index < len(application.chain):
        county = county_of(application.org)
        open_step(application, county, config_for(county, application.year))
    else:
        application.status, application.step_kind, application.decided_at = (
            ApplicationStatus.APPROVED,
            "",
            timezone.now(),
        )
        if StepKind.TASK_FORCE not in application.chain:  # no star-by-star review: all applied stars pass
            application.approved_stars = list(application.stars)
