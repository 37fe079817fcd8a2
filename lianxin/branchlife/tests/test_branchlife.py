"""Branch life records: attendees and absentees from the branch's member register, a reason
for every absence; attendance rates per member and branch; the indicators the stars read; the
pages."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.branchlife import indicators, services
from lianxin.branchlife.choices import MeetingKind
from lianxin.branchlife.models import Meeting
from lianxin.branchlife.tests import factories as f

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


class TestRecording:
    def test_present_and_absent_with_reasons(self):
        a, b = f.member(name="甲"), f.member(name="乙")
        meeting = f.meeting(members=[a], absent={b: "外出务工"})
        assert {(x.member.name, x.present, x.absence_reason) for x in meeting.attendance.all()} == {
            ("甲", True, ""),
            ("乙", False, "外出务工"),
        }
        assert AuditEvent.objects.filter(action="branchlife.meeting.create").exists()

    def test_an_absence_without_a_reason_is_refused(self):
        a, b = f.member(name="甲"), f.member(name="乙")
        with pytest.raises(ValidationError, match="缺席原因"):
            f.meeting(members=[a], absent={b: " "})
        assert not Meeting.objects.exists()

    def test_attendees_must_be_members_of_the_branch(self):
        with pytest.raises(ValidationError, match="本支部"):
            f.meeting(members=[f.member(f.DADING_VILLAGE, name="外村")])

    def test_no_meeting_in_the_future(self):
        with pytest.raises(ValidationError):
            f.meeting(day=date(2999, 1, 1))

    def test_who_may_record(self, users):
        member = f.member(f.YINGXIU)
        with pytest.raises(PermissionDenied):
            services.record_meeting(
                actor(users["member"]), f.org(f.YINGXIU), kind="theme_day", day=f.DAY, topic="x", present=[member]
            )
        with pytest.raises(Http404):
            services.record_meeting(
                actor(users["township"]), f.org(f.YINGXIU), kind="theme_day", day=f.DAY, topic="x", present=[member]
            )


def test_indicators_count_meetings_months_and_attendance(django_assert_max_num_queries):
    a, b = f.member(name="甲"), f.member(name="乙")
    f.meeting(kind=MeetingKind.THEME_DAY, members=[a, b])
    f.meeting(kind=MeetingKind.THEME_DAY, day=date(2026, 3, 20), members=[a], absent={b: "病假"})
    f.meeting(kind=MeetingKind.ASSEMBLY, day=date(2026, 4, 1), members=[a, b])
    codes = [f.XIGUO_VILLAGE, f.DADING_VILLAGE]
    for compute in (indicators.meetings_held, indicators.theme_day_months, indicators.attendance):
        with django_assert_max_num_queries(1):
            compute(codes, 2026)
    assert indicators.meetings_held(codes, 2026) == {f.XIGUO_VILLAGE: 1, f.DADING_VILLAGE: 0}
    assert indicators.theme_day_months(codes, 2026) == {f.XIGUO_VILLAGE: 1, f.DADING_VILLAGE: 0}
    assert indicators.attendance(codes, 2026) == {f.XIGUO_VILLAGE: 83.3, f.DADING_VILLAGE: None}


class TestPages:
    def test_record_through_the_page_with_absentees(self, login, users):
        a, b = f.member(f.YINGXIU, name="甲"), f.member(f.YINGXIU, name="乙")
        response = login(users["village"]).post(
            reverse("branchlife:meeting_create"),
            {
                "village": f.org(f.YINGXIU).pk,
                "kind": "theme_day",
                "day": "2026-03-05",
                "topic": "植树",
                "present": [a.pk],
                "absences": "乙 外出务工",
            },
        )
        assert response.status_code == 302
        meeting = Meeting.objects.get()
        assert meeting.attendance.get(member=b).absence_reason == "外出务工"

    def test_an_unknown_absentee_is_a_form_error(self, login, users):
        a = f.member(f.YINGXIU, name="甲")
        response = login(users["village"]).post(
            reverse("branchlife:meeting_create"),
            {
                "village": f.org(f.YINGXIU).pk,
                "kind": "theme_day",
                "day": "2026-03-05",
                "topic": "植树",
                "present": [a.pk],
                "absences": "查无此人 病假",
            },
        )
        assert response.status_code == 200 and "查无此人" in response.content.decode()

    def test_lists_and_rates(self, login, users):
        a, b = f.member(name="甲"), f.member(name="乙")
        f.meeting(members=[a], absent={b: "病假"})
        client = login(users["township"])
        assert "学习党章" in client.get(reverse("branchlife:meeting_list")).content.decode()
        page = client.get(reverse("branchlife:attendance"), {"year": 2026}).content.decode()
        assert "合计 50.0%" in page and "100.0" in page


def test_demo_twelve_months_once():
    from lianxin.branchlife import demo

    for name in ("甲", "乙", "丙"):
        f.member(name=name)
    assert demo.load() == {"villages": 1}
    assert demo.load() == {"villages": 0}
    theme_days = Meeting.objects.filter(kind=MeetingKind.THEME_DAY)
    assert theme_days.count() == 12 and len({(m.date.year, m.date.month) for m in theme_days}) == 12


def test_workbench_counts_branches_without_this_months_theme_day(users, django_assert_num_queries):
    from lianxin.branchlife import workbench
    from lianxin.core.changes import today
    from lianxin.registers.forms import villages_for

    f.meeting(day=today(), members=[f.member(name="甲")])
    workbench.cards(users["township"], today())
    with django_assert_num_queries(1):
        (card,) = workbench.cards(users["township"], today())
    branches = villages_for(users["township"], "branchlife.record").count()
    assert branches > 1 and card.count == branches - 1  # all but the one that held it
