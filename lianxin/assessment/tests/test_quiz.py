"""Knowledge tests through the services: the bank import (all-or-nothing, errors by row and
column), random draws per person, the server-side deadline, one attempt unless reopened,
grading, answers shown after closing, and the knowledge dimension filled from the results."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lianxin.assessment import services
from lianxin.assessment.choices import PeriodKind
from lianxin.assessment.models import Attempt, Question
from lianxin.assessment.tests import factories as f
from lianxin.audit.services import Actor
from lianxin.core.imports import RowErrors

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


class TestBank:
    def test_import_then_again_unchanged(self):
        assert f.bank().created == 6
        report = f.bank()
        assert (report.created, report.unchanged) == (0, 6)
        assert Question.objects.get(text="党章党规第3题").answer == "AC"
        assert Question.objects.get(text="党章党规第2题").answer == "T"

    def test_one_bad_row_writes_nothing_and_names_row_and_column(self):
        rows = f.question_rows()
        rows[1][9] = "X"  # true/false answer
        rows[3][2] = "填空题"
        with pytest.raises(RowErrors) as caught:
            f.bank(rows)
        assert any("第3行" in e and "答案" in e for e in caught.value.errors)
        assert any("第5行" in e and "题型" in e for e in caught.value.errors)
        assert not Question.objects.exists()

    def test_only_the_office_imports(self, users):
        with pytest.raises(PermissionDenied):
            f.bank(actor=actor(users["township"]))


class TestAttempts:
    def test_drawn_per_person_graded_once_unless_reopened(self, users):
        quiz = f.quiz(count=3)
        me = actor(users["township"])
        attempt = services.start_attempt(me, quiz)
        assert services.start_attempt(me, quiz).pk == attempt.pk  # the one under way
        assert attempt.questions.count() == 3 and attempt.org.code == f.XIGUO
        answers = f.right_answers(attempt)
        answers[1] = "B" if answers[1] != "B" else "A"
        graded = services.submit_attempt(me, attempt, answers)
        assert graded.correct == 2 and graded.percent == Decimal("66.7")
        stored = Attempt.objects.get(pk=attempt.pk)  # as written (one statement on PostgreSQL)
        assert (stored.correct, stored.percent, stored.graded_at) == (2, Decimal("66.7"), graded.graded_at)
        with pytest.raises(ValidationError):
            services.submit_attempt(me, attempt, answers)
        with pytest.raises(ValidationError):
            services.start_attempt(me, quiz)
        with pytest.raises(PermissionDenied):
            services.reopen_attempt(me, attempt)
        services.reopen_attempt(actor(users["office"]), attempt)
        assert services.start_attempt(me, quiz).number == 2

    def test_each_answer_is_kept_normalised_with_its_mark(self, users):
        quiz = f.quiz(count=3)
        me = actor(users["township"])
        attempt = services.start_attempt(me, quiz)
        answers = {position: " ".join(answer.lower()) for position, answer in f.right_answers(attempt).items()}
        answers[2] = "t" if f.right_answers(attempt)[2] != "T" else "F"
        services.submit_attempt(me, attempt, answers)
        kept = {row.position: (row.given, row.is_correct, row.question.answer) for row in attempt.questions.all()}
        assert kept[1] == (kept[1][2], True, kept[1][2])
        assert kept[3] == (kept[3][2], True, kept[3][2])
        assert kept[2][0] == answers[2].upper() and kept[2][1] is False

    def test_answers_after_the_server_deadline_are_refused(self, users):
        quiz = f.quiz(minutes=5)
        me = actor(users["township"])
        attempt = services.start_attempt(me, quiz)
        later = timezone.now() + timedelta(minutes=6)
        with mock.patch("django.utils.timezone.now", return_value=later), pytest.raises(ValidationError):
            services.submit_attempt(me, attempt, f.right_answers(attempt))
        attempt.refresh_from_db()
        assert attempt.graded_at is None

    def test_a_closed_or_other_county_test_cannot_be_started(self, users):
        now = timezone.now()
        closed = f.quiz(opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1))
        with pytest.raises(ValidationError):
            services.start_attempt(actor(users["township"]), closed)
        assert services.answers_shown(closed) and not services.answers_shown(f.quiz(skip_bank=True))
        boai = f.quiz(code=f.BOAI)
        with pytest.raises(Exception) as caught:
            services.start_attempt(actor(users["township"]), boai)
        assert caught.type.__name__ == "Http404"

    def test_a_test_needs_enough_questions(self):
        with pytest.raises(ValidationError):
            f.quiz(count=7)
        with pytest.raises(ValidationError):
            f.quiz(topic="乡村振兴", skip_bank=True)

    def test_the_knowledge_dimension_is_filled_from_the_results(self, users):
        quiz = f.quiz(count=3)
        user = users["township"]
        attempt = services.start_attempt(actor(user), quiz)
        services.submit_attempt(actor(user), attempt, f.right_answers(attempt))
        subject = f.subject("township", code=f.XIGUO, name="西虢镇书记", user=user)
        period = f.scheme().periods.get(kind=PeriodKind.YEAR)
        score = services.save_score(f.SYSTEM, period, subject, {})
        knowledge = score.items.get(item__auto_source="knowledge")
        assert knowledge.auto and knowledge.points == Decimal("10.0")
        assert score.total == Decimal("10.00")


def test_results_per_org_of_the_county(users):
    from lianxin.conftest import make_user

    quiz = f.quiz(count=3)
    for user, right in ((users["township"], True), (users["neighbour"], False)):
        attempt = services.start_attempt(actor(user), quiz)
        services.submit_attempt(actor(user), attempt, f.right_answers(attempt) if right else {})
    other = make_user("西虢二", "township", f.XIGUO)
    attempt = services.start_attempt(actor(other), quiz)
    services.submit_attempt(actor(other), attempt, {})
    rows = services.results_by_org(users["office"], quiz)
    assert [(r["code"], r["takers"], round(r["mean"], 1)) for r in rows] == [(f.XIGUO, 2, 50.0), (f.DADING, 1, 0.0)]
    assert [r["code"] for r in services.results_by_org(users["township"], quiz)] == [f.XIGUO]
