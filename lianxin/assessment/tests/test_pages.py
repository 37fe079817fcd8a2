"""The assessment pages' contracts (lianxin/testing/pages.py): the 西虢镇 township user in scope,
大定街道's score and 博爱县's scheme and test outside it; lists export and keep their query
count as subjects, scores, meetings and attempts grow."""

import pytest
from django.urls import reverse

from lianxin.assessment import services
from lianxin.assessment.choices import PeriodKind, SubjectKind
from lianxin.assessment.plugin import Action
from lianxin.assessment.tests import factories as f
from lianxin.audit.services import Actor
from lianxin.core.changes import today
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
V, MANAGE, TAKE = Action.ASSESSMENT_VIEW, Action.ASSESSMENT_MANAGE, Action.QUIZ_TAKE


def year_period():
    return f.scheme().periods.get(kind=PeriodKind.YEAR)


def add_scores(world, n):
    """n more village secretaries of 西虢镇 scored for the year, then the ranking refreshed."""
    start = world.setdefault("_villages", 0)
    world["_villages"] = start + n
    villages = Org.objects.filter(parent__code=f.XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code")[
        start + 2 : start + n + 2
    ]
    period = year_period()
    for i, village in zip(fresh(world, n), villages, strict=True):
        subject = f.subject(code=village.code, name=f"书记{i}")
        services.save_score(f.SYSTEM, period, subject, f.full_marks(period, subject))
    services.refresh_ranking(f.SYSTEM, period)


def add_subjects(world, n):
    """n more village secretaries of 西虢镇 (past the two villages the world uses)."""
    start = world.setdefault("_subject_villages", 0)
    world["_subject_villages"] = start + n
    villages = Org.objects.filter(parent__code=f.XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code")[
        start + 2 : start + n + 2
    ]
    for i, village in zip(fresh(world, n), villages, strict=True):
        f.subject(code=village.code, name=f"书记{i}")


def add_meetings(world, n):
    for _ in fresh(world, n):
        services.record_meeting(f.SYSTEM, world["force"].org, day=today(), attendees="张三", head_attended=True)


def add_attempts(world, n):
    for i in fresh(world, n):
        user = Actor(user=make_township_user(i))
        attempt = services.start_attempt(user, world["quiz"])
        services.submit_attempt(user, attempt, f.right_answers(attempt))


def make_township_user(i):
    from lianxin.accounts.roles import Role
    from lianxin.conftest import make_user

    return make_user(f"答题人{i}", Role.TOWNSHIP, f.XIGUO)


def add_entries(world, n):
    start = world.setdefault("_entry_villages", 0)
    world["_entry_villages"] = start + n
    villages = Org.objects.filter(parent__code=f.XIGUO, kind__in=GRASSROOTS_KINDS).order_by("code")[
        start + 1 : start + n + 1
    ]
    for i, village in zip(fresh(world, n), villages, strict=True):
        f.entry(village.code, world["round"], secretary=f"参赛{i}")


class TestPages(PageTests):
    @pytest.fixture
    def world(self, users):
        period = year_period()
        subject = f.subject()
        score = services.save_score(f.SYSTEM, period, subject, f.full_marks(period, subject))
        other = f.subject(code=f.DADING_VILLAGE, name="大定书记")
        quiz = f.quiz()
        attempt = services.start_attempt(Actor(user=users["township"]), quiz)
        return {
            "score": score,
            "other_score": services.save_score(f.SYSTEM, period, other, f.full_marks(period, other)),
            "period": period,
            "boai_scheme": f.scheme(code=f.BOAI),
            "force": f.subject(SubjectKind.TASK_FORCE, name="产业专班"),
            "quiz": quiz,
            "boai_quiz": f.quiz(code=f.BOAI),
            "attempt": attempt,
            "round": f.contest(),
            "entry": f.entry(),
            "other_entry": f.entry(f.DADING_VILLAGE, f.contest(code=f.DADING)),
        }

    cases = (
        Page("scores", lambda w: reverse("assessment:score_list"), V, "township", export=True, grow=add_scores),
        Page("ranking", lambda w: reverse("assessment:ranking"), V, "township", export=True, grow=add_scores),
        Page(
            "score",
            lambda w: w["score"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_score"].get_absolute_url(),
        ),
        Page("schemes", lambda w: reverse("assessment:scheme_list"), V, "township", export=True),
        Page(
            "scheme",
            lambda w: w["score"].period.scheme.get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["boai_scheme"].get_absolute_url(),
        ),
        Page(
            "period",
            lambda w: reverse("assessment:period_detail", args=[w["period"].pk]),
            V,
            "township",
            outside=lambda w: reverse("assessment:period_detail", args=[w["boai_scheme"].periods.first().pk]),
        ),
        Page("subjects", lambda w: reverse("assessment:subject_list"), V, "township", export=True, grow=add_subjects),
        Page(
            "subject",
            lambda w: w["score"].subject.get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_score"].subject.get_absolute_url(),
        ),
        Page("new subject", lambda w: reverse("assessment:subject_create"), MANAGE, "office"),
        Page("meetings", lambda w: reverse("assessment:meeting_list"), V, "office", export=True, grow=add_meetings),
        Page("questions", lambda w: reverse("assessment:question_list"), MANAGE, "office", export=True),
        Page("quizzes", lambda w: reverse("assessment:quiz_list"), TAKE, "township", export=True),
        Page(
            "quiz",
            lambda w: w["quiz"].get_absolute_url(),
            TAKE,
            "township",
            outside=lambda w: w["boai_quiz"].get_absolute_url(),
            grow=add_attempts,
        ),
        Page("attempt", lambda w: w["attempt"].get_absolute_url(), TAKE, "township", outside_user="neighbour"),
        Page("results", lambda w: reverse("assessment:attempt_list"), V, "township", export=True, grow=add_attempts),
        Page("rounds", lambda w: reverse("assessment:round_list"), V, "township", export=True),
        Page(
            "round",
            lambda w: w["round"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_entry"].round.get_absolute_url(),
            grow=add_entries,
        ),
        Page(
            "entry",
            lambda w: w["entry"].get_absolute_url(),
            V,
            "township",
            outside=lambda w: w["other_entry"].get_absolute_url(),
        ),
        Page(
            "competition results",
            lambda w: reverse("assessment:entry_list"),
            V,
            "township",
            export=True,
            grow=add_entries,
        ),
    )
