"""Questionnaires: built (or copied from one used before, its template), sent to key groups
chosen by rule or to members named by hand, answered on a phone, and summarised per topic into
a personalised training list per person and per group. Each change is one audited transaction."""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record
from lianxin.core.changes import locked, today
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.training.choices import Group, QuestionKind, SurveyStatus
from lianxin.training.groups import chosen
from lianxin.training.models import Recipient, Survey
from lianxin.training.plugin import Action

WITH_OPTIONS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANK)


def _checked_questions(questions) -> list[dict]:
    if not questions:
        raise ValidationError(_("问卷至少要有一道题"))
    out = []
    for number, q in enumerate(questions, start=1):
        kind, text = q.get("kind"), str(q.get("text", "")).strip()
        options = [str(o).strip() for o in q.get("options", []) if str(o).strip()]
        if kind not in QuestionKind.values or not text:
            raise ValidationError(_("第%(n)d题：题型或题目不正确") % {"n": number})
        if kind in WITH_OPTIONS and len(options) < 2:
            raise ValidationError(_("第%(n)d题：至少要有两个选项") % {"n": number})
        out.append({"kind": kind, "text": text, "options": options if kind in WITH_OPTIONS else []})
    return out


@transaction.atomic
def create_survey(actor: Actor, county: Org, *, title: str, year: int, questions) -> Survey:
    require(actor, Action.TRAINING_SURVEY, county.code)
    if county.kind != OrgKind.COUNTY:
        raise ValidationError(_("培训需求问卷由县（市、区）发放"))
    if not title.strip():
        raise ValidationError(_("请填写问卷名称"))
    survey = Survey.objects.create(org=county, title=title.strip(), year=year, questions=_checked_questions(questions))
    record(actor, "training.survey.create", obj=survey, org_code=county.code, after={"title": survey.title})
    return survey


def copy_survey(actor: Actor, template: Survey, *, title: str, year: int) -> Survey:
    """A new questionnaire with a former one's questions (问卷模板)."""
    return create_survey(actor, template.org, title=title, year=year, questions=template.questions)


def can_send(user, survey: Survey) -> bool:
    return survey.status == SurveyStatus.DRAFT and can_at(user, Action.TRAINING_SURVEY, survey.org.code)


@transaction.atomic
def send_survey(actor: Actor, survey: Survey, *, groups=(), members=()) -> int:
    """Send to the county's secretaries in `groups` (by rule) and to `members` (by hand)."""
    survey = locked(survey)
    require(actor, Action.TRAINING_SURVEY, survey.org.code)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("问卷已发放"))
    picked = {m: list(g) for m, g in chosen(survey.org.code, groups, today()).items()}
    for member in members:
        if member.org.ancestor_code(OrgLevel.COUNTY) != survey.org.code:
            raise ValidationError(_("%(n)s 不是本县（市、区）的党员") % {"n": member.name})
        picked.setdefault(member, []).append(str(Group.MANUAL))
    if not picked:
        raise ValidationError(_("所选群体中没有人，请换个条件或指定人员"))
    Recipient.objects.bulk_create(
        Recipient(survey=survey, member=m, org_id=m.org_id, groups=g) for m, g in picked.items()
    )
    survey.status, survey.sent_at = SurveyStatus.SENT, timezone.now()
    survey.save(update_fields=["status", "sent_at"])
    record(
        actor,
        "training.survey.send",
        obj=survey,
        org_code=survey.org.code,
        after={"recipients": len(picked), "groups": sorted(str(g) for g in groups)},
    )
    return len(picked)


def may_answer(user, recipient: Recipient) -> bool:
    """The secretary themself (their member record's account), or their village's clerk."""
    if recipient.survey.status != SurveyStatus.SENT or recipient.answered_at is not None:
        return False
    if not can_at(user, Action.TRAINING_ANSWER, recipient.org.code):
        return False
    return recipient.member.user_id == user.pk or any(
        a.role == Role.VILLAGE and a.org_id == recipient.org_id for a in user.assignments
    )


def _checked_answer(question: dict, answer, number: int):
    kind, options = question["kind"], question["options"]
    refuse = ValidationError(_("第%(n)d题的答案不正确") % {"n": number})
    if kind == QuestionKind.TEXT:
        return str(answer or "").strip()[:1000]
    if kind == QuestionKind.SINGLE:
        if answer not in options:
            raise refuse
        return answer
    answer = list(answer or [])
    if not answer or any(a not in options for a in answer) or len(set(answer)) != len(answer):
        raise refuse
    return answer


@transaction.atomic
def answer_survey(actor: Actor, recipient: Recipient, answers: list) -> Recipient:
    """Answers in question order: an option (single), options (multiple), options most wanted
    first (rank), text."""
    recipient = Recipient.objects.select_for_update().select_related("org", "survey", "member").get(pk=recipient.pk)
    require(actor, Action.TRAINING_ANSWER, recipient.org.code)
    if actor.user is not None and not may_answer(actor.user, recipient):
        raise PermissionDenied(_("只有本人或本村（社区）可以填写，且只能填写一次"))
    questions = recipient.survey.questions
    if len(answers) != len(questions):
        raise ValidationError(_("请回答全部 %(n)d 道题") % {"n": len(questions)})
    recipient.answers = [_checked_answer(q, a, i) for i, (q, a) in enumerate(zip(questions, answers, strict=True), 1)]
    recipient.answered_at = timezone.now()
    recipient.save(update_fields=["answers", "answered_at"])
    record(actor, "training.survey.answer", obj=recipient, org_code=recipient.org.code)
    return recipient


def topic_scores(answer_sets, questions) -> Counter:
    """Topics weighted by what was asked for: a rank gives n points to the first of n options,
    n-1 to the next…; a choice gives one point."""
    scores = Counter()
    for answers in answer_sets:
        for question, answer in zip(questions, answers, strict=False):
            if question["kind"] == QuestionKind.RANK:
                for place, topic in enumerate(answer):
                    scores[topic] += len(question["options"]) - place
            elif question["kind"] in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                for topic in [answer] if isinstance(answer, str) else answer:
                    scores[topic] += 1
    return scores


def summary(survey: Survey) -> dict:
    """Per topic over all answers, per group, and each person's own list (three queries at most)."""
    answered = list(
        survey.recipients.exclude(answered_at=None).select_related("member", "org").order_by("org__code", "id")
    )
    by_group = defaultdict(list)
    for r in answered:
        for group in r.groups:
            by_group[group].append(r.answers)
    questions = survey.questions
    return {
        "sent": survey.recipients.count(),
        "answered": len(answered),
        "topics": topic_scores([r.answers for r in answered], questions).most_common(),
        "groups": {
            str(Group(g).label): topic_scores(sets, questions).most_common(5) for g, sets in sorted(by_group.items())
        },
        "people": [(r, [t for t, _n in topic_scores([r.answers], questions).most_common(3)]) for r in answered],
    }
