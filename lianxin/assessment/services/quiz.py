"""Knowledge tests: the bank imported all-or-nothing; a test drawn at random per person from
the bank by topic and difficulty when the person starts, with the deadline stored on the server
(answers after it are refused); one attempt unless the office reopens it; graded on submission;
the answers shown once the test has closed."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.assessment.choices import QuestionKind
from lianxin.assessment.models import Attempt, AttemptQuestion, Question, Quiz
from lianxin.assessment.plugin import Action
from lianxin.assessment.questions import parse_questions
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import locked
from lianxin.core.imports import ImportReport
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.stats import counts_by_child

QUESTION_FIELDS = ("topic", "difficulty", "kind", "options", "answer", "explanation")


def _county(county: Org) -> Org:
    if county.kind != OrgKind.COUNTY:
        raise ValidationError(_("题库和知识测试由县（市、区）管理"))
    return county


@transaction.atomic
def import_questions(actor: Actor, county: Org, data: bytes) -> ImportReport:
    """The sheet's questions into the county's bank, keyed by their text: all rows or none."""
    require(actor, Action.ASSESSMENT_MANAGE, _county(county).code)
    parsed = parse_questions(data)
    existing = {
        q.text: q for q in Question.objects.select_for_update().filter(org=county, text__in=[p["text"] for p in parsed])
    }
    created = updated = unchanged = 0
    for row in parsed:
        question = existing.get(row["text"])
        if question is None:
            Question.objects.create(org=county, **row)
            created += 1
        elif any(getattr(question, f) != row[f] for f in QUESTION_FIELDS):
            for field in QUESTION_FIELDS:
                setattr(question, field, row[field])
            question.save()
            updated += 1
        else:
            unchanged += 1
    report = ImportReport(created=created, updated=updated, unchanged=unchanged)
    record(
        actor, "assessment.question.import", org_code=county.code, object_type="assessment.question", after=vars(report)
    )
    return report


@transaction.atomic
def create_quiz(
    actor: Actor,
    county: Org,
    *,
    title: str,
    question_count: int,
    minutes: int,
    opens_at: datetime,
    closes_at: datetime,
    topic: str = "",
    difficulty: int | None = None,
    campaign: bool = False,
) -> Quiz:
    """A test of the county's bank; the bank must hold enough questions of its topic and difficulty."""
    require(actor, Action.ASSESSMENT_MANAGE, _county(county).code)
    if closes_at <= opens_at:
        raise ValidationError(_("截止时间须晚于开始时间"))
    if question_count < 1 or minutes < 1:
        raise ValidationError(_("题量和答题时长须大于0"))
    quiz = Quiz(
        org=county,
        title=title.strip(),
        topic=topic.strip(),
        difficulty=difficulty,
        question_count=question_count,
        minutes=minutes,
        opens_at=opens_at,
        closes_at=closes_at,
        campaign=campaign,
    )
    if _pool(quiz).count() < question_count:
        raise ValidationError(_("题库中符合专题和难度的试题不足 %(n)d 道") % {"n": question_count})
    quiz.full_clean(exclude=["org"])
    quiz.save()
    record(
        actor,
        "assessment.quiz.create",
        obj=quiz,
        org_code=county.code,
        after=snapshot(quiz, ("title", "question_count", "minutes", "opens_at", "closes_at", "campaign")),
    )
    return quiz


def _pool(quiz: Quiz):
    pool = Question.objects.filter(org_id=quiz.org_id)
    if quiz.topic:
        pool = pool.filter(topic=quiz.topic)
    if quiz.difficulty:
        pool = pool.filter(difficulty=quiz.difficulty)
    return pool


def is_open(quiz: Quiz, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return quiz.opens_at <= now < quiz.closes_at


def answers_shown(quiz: Quiz, now: datetime | None = None) -> bool:
    """The right answers are shown once the test has closed, not before."""
    return (now or timezone.now()) >= quiz.closes_at


def can_take(user, quiz: Quiz) -> bool:
    return is_open(quiz) and Quiz.objects.restrict(user, Action.QUIZ_TAKE).filter(pk=quiz.pk).exists()


@transaction.atomic
def start_attempt(actor: Actor, quiz: Quiz) -> Attempt:
    """The person's attempt: the one under way, or a new one with questions drawn at random and
    the deadline fixed now — unless they have finished one and it was not reopened."""
    user = actor.user
    if user is None or not Quiz.objects.restrict(user, Action.QUIZ_TAKE).filter(pk=quiz.pk).exists():
        require(actor, Action.QUIZ_TAKE, quiz.org.code)
    quiz = locked(quiz)
    now = timezone.now()
    if not is_open(quiz, now):
        raise ValidationError(_("该测试不在答题时间内"))
    last = Attempt.objects.select_for_update().filter(quiz=quiz, user=user).order_by("-number").first()
    if last and last.graded_at is None and last.deadline > now:
        return last
    if last and not last.reopened:
        raise ValidationError(_("每人只能作答一次"))
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        org=user.home_org,
        number=(last.number + 1) if last else 1,
        started_at=now,
        deadline=min(now + timedelta(minutes=quiz.minutes), quiz.closes_at),
    )
    drawn = random.sample(list(_pool(quiz).values_list("pk", flat=True)), quiz.question_count)
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, question_id=pk, position=n) for n, pk in enumerate(drawn, start=1)
    )
    record(
        actor, "assessment.attempt.start", obj=attempt, org_code=attempt.org.code, after={"deadline": attempt.deadline}
    )
    return attempt


def _normalised(kind: str, given: str) -> str:
    given = (given or "").upper().replace(",", "").replace(" ", "")
    return given if kind == QuestionKind.TRUE_FALSE else "".join(sorted(set(given)))


def _save_grade(attempt: Attempt, graded: list[tuple[str, bool, int]]) -> None:
    """The attempt's grade and the (given, is_correct, pk) of each drawn question, written
    without the ORM: its bulk_update builds a CASE per row and field, which cost more than the
    rest of the grading. PostgreSQL gets one statement for the answers and the grade: a
    statement per row, even pipelined, was a third of a grading there (2.2 of 6.5 ms), and the
    grade's own UPDATE another round trip. SQLite has no round trips, and UPDATE … FROM only
    since 3.33: a statement per row, then the ORM's save."""
    quote = connection.ops.quote_name
    table = quote(AttemptQuestion._meta.db_table)
    given, is_correct, pk = quote("given"), quote("is_correct"), quote("id")
    if connection.vendor != "postgresql" or not graded:
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {given} = %s, {is_correct} = %s WHERE {pk} = %s", graded)
        attempt.save(update_fields=GRADE_FIELDS)
        return
    rows = ", ".join(["(%s, %s, %s)"] * len(graded))
    grade = ", ".join(f"{quote(name)} = %s" for name in GRADE_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH answers AS (UPDATE {table} SET {given} = v.given, {is_correct} = v.is_correct "
            f"FROM (VALUES {rows}) AS v(given, is_correct, id) WHERE {table}.{pk} = v.id) "
            f"UPDATE {quote(Attempt._meta.db_table)} SET {grade} WHERE {pk} = %s",
            [
                *(value for row in graded for value in row),
                *(getattr(attempt, name) for name in GRADE_FIELDS),
                attempt.pk,
            ],
        )


GRADE_FIELDS = ("correct", "percent", "graded_at")


@transaction.atomic
def submit_attempt(actor: Actor, attempt: Attempt, answers: dict[int, str]) -> Attempt:
    """Grade the person's answers (position -> letters, or T/F): refused after the deadline."""
    attempt = Attempt.objects.select_for_update(of=("self",)).select_related("org", "quiz", "user").get(pk=attempt.pk)
    if actor.user is None or attempt.user_id != actor.user.pk:
        require(actor, Action.ASSESSMENT_MANAGE, attempt.org.code)
    if attempt.graded_at is not None:
        raise ValidationError(_("已交卷，不能再次提交"))
    now = timezone.now()
    if now > attempt.deadline:
        raise ValidationError(_("已超过答题时间，答案未被接受"))
    graded = []
    drawn = attempt.questions.order_by().values_list("pk", "position", "question__kind", "question__answer")
    for pk, position, kind, answer in drawn:
        given = _normalised(kind, answers.get(position, ""))
        graded.append((given, given == answer, pk))
    attempt.correct = sum(is_correct for _given, is_correct, _pk in graded)
    attempt.percent = (Decimal(100 * attempt.correct) / len(graded)).quantize(Decimal("0.1")) if graded else Decimal(0)
    attempt.graded_at = now
    _save_grade(attempt, graded)
    record(
        actor,
        "assessment.attempt.submit",
        obj=attempt,
        org_code=attempt.org.code,
        after=snapshot(attempt, ("correct", "percent")),
    )
    return attempt


def can_reopen(user, attempt: Attempt) -> bool:
    return not attempt.reopened and can_at(user, Action.ASSESSMENT_MANAGE, attempt.org.code)


@transaction.atomic
def reopen_attempt(actor: Actor, attempt: Attempt) -> Attempt:
    """Allow the person one further attempt (the office decides, e.g. after a network failure)."""
    attempt = locked(attempt)
    require(actor, Action.ASSESSMENT_MANAGE, attempt.org.code)
    if attempt.reopened:
        raise ValidationError(_("已允许重考"))
    attempt.reopened = True
    attempt.save(update_fields=["reopened"])
    record(actor, "assessment.attempt.reopen", obj=attempt, org_code=attempt.org.code, after={"reopened": True})
    return attempt


def results_by_org(user, quiz: Quiz) -> list[dict]:
    """The test's results per township of its county, in the user's scope, best mean first:
    two queries whatever the number of attempts."""
    graded = Attempt.objects.restrict(user, Action.ASSESSMENT_VIEW).filter(quiz=quiz, graded_at__isnull=False)
    found = counts_by_child(quiz.org, graded, "org__code", takers=Count("pk"), mean=Avg("percent"))
    names = dict(Org.objects.filter(code__in=found).values_list("code", "short_name"))
    rows = [{"code": code, "name": names.get(code, code), **values} for code, values in found.items()]
    return sorted(rows, key=lambda row: row["mean"], reverse=True)
