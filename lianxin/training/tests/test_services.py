"""The training list's rules: questionnaires go to key groups chosen from data already kept,
answers are checked and summarised per topic, person and group; trainings go from order to
dispatch, acceptance, holding, sign-in and rating, each step by its own people."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import make_user
from lianxin.training import sessions, surveys
from lianxin.training.choices import Group, OrderStatus, SurveyStatus
from lianxin.training.models import Attendance
from lianxin.training.tests import factories as f

pytestmark = pytest.mark.django_db


def test_questions_are_checked(users):
    with pytest.raises(ValidationError):
        f.survey(questions=[{"kind": "single", "text": "方式", "options": ["只有一个"]}])
    with pytest.raises(ValidationError):
        f.survey(questions=[])
    with pytest.raises(PermissionDenied):
        surveys.create_survey(Actor(users["township"]), f.org(f.MENGZHOU), title="x", year=2026, questions=f.QUESTIONS)


def test_sent_by_rule_to_five_star_and_young_secretaries(users):
    f.secretary(f.XIGUO_VILLAGE, "五星书记", stars=5)
    f.secretary(f.DADING_VILLAGE, "年轻书记", birth=date(1998, 3, 1))
    f.secretary("410883105202", "普通书记")
    f.secretary("410883105203", "弱村书记", weak=True)
    survey = f.survey()
    sent = surveys.send_survey(Actor(users["office"]), survey, groups=[Group.FIVE_STAR, Group.UNDER_35])
    assert sent == 2
    chosen = {r.member.name: r.groups for r in survey.recipients.select_related("member")}
    assert chosen == {"五星书记": ["five_star"], "年轻书记": ["under_35"]}
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.SENT
    with pytest.raises(ValidationError):
        surveys.send_survey(f.SYSTEM, survey, groups=[Group.WEAK])


def test_weak_branches_and_by_hand(users):
    weak = f.secretary("410883105203", "弱村书记", weak=True)
    other = f.secretary("410883105202", "普通书记")
    survey = f.survey()
    surveys.send_survey(f.SYSTEM, survey, groups=[Group.WEAK], members=[other])
    groups = {r.member_id: r.groups for r in survey.recipients.all()}
    assert groups == {weak.pk: ["weak"], other.pk: ["manual"]}


def test_answers_are_checked_and_given_once_by_the_secretary_or_the_village(users):
    account = make_user("shuji", Role.MEMBER, f.XIGUO_VILLAGE)
    f.secretary(stars=5, user=account)
    survey = f.survey()
    surveys.send_survey(f.SYSTEM, survey, groups=[Group.FIVE_STAR])
    recipient = survey.recipients.get()
    with pytest.raises(ValidationError):
        surveys.answer_survey(Actor(account), recipient, [["产业发展"], "集中授课"])  # one answer missing
    with pytest.raises(ValidationError):
        surveys.answer_survey(Actor(account), recipient, [["不存在"], "集中授课", ""])
    with pytest.raises(Http404):
        surveys.answer_survey(Actor(users["village"]), recipient, [f.TOPICS, "集中授课", ""])  # another village
    surveys.answer_survey(Actor(account), recipient, [f.TOPICS[::-1], "现场教学", "多到先进村看"])
    with pytest.raises(PermissionDenied):
        surveys.answer_survey(Actor(account), recipient, [f.TOPICS, "现场教学", ""])


def test_summary_per_topic_group_and_person(users):
    f.secretary(f.XIGUO_VILLAGE, "五星书记", stars=5)
    f.secretary(f.DADING_VILLAGE, "年轻书记", birth=date(1998, 3, 1))
    survey = f.survey()
    surveys.send_survey(f.SYSTEM, survey, groups=[Group.FIVE_STAR, Group.UNDER_35])
    five, young = survey.recipients.order_by("org__code")[1], survey.recipients.order_by("org__code")[0]
    surveys.answer_survey(f.SYSTEM, five, [["基层治理", "产业发展", "乡村振兴政策", "群众工作方法"], "现场教学", ""])
    surveys.answer_survey(f.SYSTEM, young, [["群众工作方法", "基层治理", "产业发展", "乡村振兴政策"], "集中授课", ""])
    result = surveys.summary(survey)
    assert (result["sent"], result["answered"]) == (2, 2)
    assert result["topics"][0] == ("基层治理", 7)
    assert result["groups"]["35岁以下书记"][0] == ("群众工作方法", 4)
    people = {r.member.name: topics for r, topics in result["people"]}
    assert people["五星书记"][0] == "基层治理"


def test_order_dispatch_accept_hold_sign_in_and_rate(users):
    township, office = Actor(users["township"]), Actor(users["office"])
    lecturer, other_lecturer = f.lecturer(), f.lecturer("jiangshi2")
    order = sessions.order_training(
        township, f.org(f.XIGUO), topic="产业发展", audience="书记", wanted_on=date(2099, 1, 1), hours=Decimal("3")
    )
    with pytest.raises(ValidationError):
        sessions.dispatch(office, order, lecturer=users["township"])  # not a lecturer
    sessions.dispatch(office, order, lecturer=lecturer)
    with pytest.raises(PermissionDenied):
        sessions.accept(Actor(other_lecturer), order)
    sessions.accept(Actor(lecturer), order)
    with pytest.raises(ValidationError):
        sessions.dispatch(office, order, lecturer=other_lecturer)
    account = make_user("xueyuan", Role.MEMBER, f.XIGUO_VILLAGE)
    f.secretary(user=account)
    attendance = sessions.sign_in(Actor(account), order)
    with pytest.raises(ValidationError):
        sessions.sign_in(Actor(account), order)
    with pytest.raises(ValidationError):  # not held yet
        sessions.rate(Actor(account), attendance, score=5)
    sessions.hold(Actor(lecturer), order)
    sessions.rate(Actor(account), attendance, score=4, comment="实用")
    order.refresh_from_db()
    assert order.status == OrderStatus.HELD
    hours = sessions.hours_by_member(Attendance.objects.all(), order.held_on.year)
    assert hours == {attendance.member_id: Decimal("3")}


def test_members_of_another_township_cannot_sign_in(users):
    order = f.order()
    sessions.dispatch(f.SYSTEM, order, lecturer=f.lecturer())
    sessions.accept(f.SYSTEM, order)
    account = make_user("waixiang", Role.MEMBER, f.DADING_VILLAGE)
    f.secretary(f.DADING_VILLAGE, user=account)
    with pytest.raises(PermissionDenied):
        sessions.sign_in(Actor(account), order)


def test_the_demo_loads_once(users):
    from lianxin.rating.models import VillageRating
    from lianxin.training import demo
    from lianxin.training.models import Recipient, Survey, TrainingOrder

    for code in (f.XIGUO_VILLAGE, f.DADING_VILLAGE):  # as the rating demo leaves them
        VillageRating.objects.create(org=f.org(code), year=2025, level=5)
    loaded = demo.load()
    assert loaded["survey_recipients"] >= 2 and loaded["trainings_held"] == 4
    five_star = [r.org.code for r in Recipient.objects.select_related("org") if "five_star" in r.groups]
    assert sorted(five_star) == [f.DADING_VILLAGE, f.XIGUO_VILLAGE]
    assert demo.load() is None
    survey = Survey.objects.get(org__code=f.MENGZHOU)
    groups = {g for r in Recipient.objects.filter(survey=survey) for g in r.groups}
    assert groups == {"five_star", "under_35"}
    assert not Recipient.objects.filter(survey=survey, answered_at=None).exists()
    assert TrainingOrder.objects.filter(status=OrderStatus.HELD).count() == 4
