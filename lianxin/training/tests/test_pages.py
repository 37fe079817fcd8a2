"""Training pages, workbench cards and API: what a clerk, a lecturer and a secretary click."""

from datetime import date

import pytest
from django.urls import reverse

from lianxin.accounts.roles import Role
from lianxin.conftest import make_user
from lianxin.training import sessions, surveys
from lianxin.training.choices import Group, OrderStatus
from lianxin.training.models import Attendance, Survey, TrainingOrder
from lianxin.training.tests import factories as f
from lianxin.training.workbench import cards

pytestmark = pytest.mark.django_db


def test_office_builds_and_sends_a_questionnaire_and_a_secretary_answers_on_the_phone(login, users):
    account = make_user("shuji", Role.MEMBER, f.XIGUO_VILLAGE)
    f.secretary(stars=5, user=account)
    office = login(users["office"])
    lines = "排序|请排列培训主题|产业发展;基层治理;群众工作方法\n单选|培训方式|集中授课;现场教学\n填空|建议"
    data = {"county": f.org(f.MENGZHOU).pk, "title": "书记培训需求", "year": 2026, "questions": lines}
    assert office.post(reverse("training:survey_create"), data).status_code == 302
    survey = Survey.objects.get(title="书记培训需求")
    bad = office.post(reverse("training:survey_create"), data | {"questions": "问答|没有这种题型"})
    assert "格式不对" in bad.content.decode()
    office.post(survey.get_absolute_url(), {"op": "send", "groups": [Group.FIVE_STAR]})
    recipient = survey.recipients.get()
    assert [c.count for c in cards(account, date.today()) if c.title == "待填写的培训问卷"] == [1]
    phone = login(account)
    answer = {"q0_0": "群众工作方法", "q0_1": "产业发展", "q1": "现场教学", "q2": "多到先进村学习"}
    assert phone.post(recipient.get_absolute_url(), answer).status_code == 302
    recipient.refresh_from_db()
    assert recipient.answers == [["群众工作方法", "产业发展"], "现场教学", "多到先进村学习"]
    page = office.get(survey.get_absolute_url()).content.decode()
    assert "群众工作方法" in page and "五星支部书记" in page


def test_order_dispatch_accept_sign_in_and_rate_through_the_pages(login, users):
    lecturer = f.lecturer()
    account = make_user("xueyuan", Role.MEMBER, f.XIGUO_VILLAGE)
    f.secretary(user=account)
    township = login(users["township"])
    data = {"township": f.org(f.XIGUO).pk, "topic": "基层治理", "audience": "书记", "wanted_on": "2099-01-01"}
    assert township.post(reverse("training:order_create"), data | {"hours": "2"}).status_code == 302
    order = TrainingOrder.objects.get(topic="基层治理")
    login(users["office"]).post(order.get_absolute_url(), {"op": "dispatch", "lecturer": lecturer.pk})
    assert [c.count for c in cards(lecturer, date.today()) if c.title == "待接单的培训"] == [1]
    teacher = login(lecturer)
    teacher.post(order.get_absolute_url(), {"op": "accept"})
    phone = login(account)
    attend = reverse("training:attend", kwargs={"pk": order.pk})
    phone.post(attend, {"op": "sign_in"})
    teacher.post(order.get_absolute_url(), {"op": "hold"})
    phone.post(attend, {"op": "rate", "score": "5", "comment": "很实用"})
    order.refresh_from_db()
    assert order.status == OrderStatus.HELD
    assert Attendance.objects.get(order=order).score == 5
    # a member of another township does not find it
    outsider = make_user("waixiang", Role.MEMBER, f.DADING_VILLAGE)
    f.secretary(f.DADING_VILLAGE, user=outsider)
    assert login(outsider).get(attend).status_code == 404


def test_api_lecturer_accepts_and_secretary_answers(login, users):
    lecturer = f.lecturer()
    order = f.order()
    sessions.dispatch(f.SYSTEM, order, lecturer=lecturer)
    answer = login(lecturer).post(f"/api/v1/training/orders/{order.pk}/accept/")
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"
    f.secretary(f.YINGXIU, "迎秀书记", stars=5)  # 迎秀社区, where the village user clerks
    survey = f.survey()
    surveys.send_survey(f.SYSTEM, survey, groups=[Group.FIVE_STAR])
    recipient = survey.recipients.get()
    url = f"/api/v1/training/recipients/{recipient.pk}/answer/"
    body = {"answers": [f.TOPICS, "集中授课", ""]}
    assert login(users["village"]).post(url, body, content_type="application/json").status_code == 200


def test_hours_per_member_per_year_page_and_export(login, users):
    order = f.order()
    sessions.dispatch(f.SYSTEM, order, lecturer=f.lecturer())
    sessions.accept(f.SYSTEM, order)
    member = f.secretary(name="学时书记")
    sessions.sign_in(f.SYSTEM, order, member)
    order = sessions.hold(f.SYSTEM, order)
    client = login(users["township"])
    page = client.get(reverse("training:hours") + f"?year={order.held_on.year}")
    rows = [(r.record.name, r.record.hours) for r in page.context["table"].rows]
    assert rows == [("学时书记", 3)]
    assert len(client.get(reverse("training:hours") + "?year=2001").context["table"].rows) == 0
    export = client.get(reverse("training:hours") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
