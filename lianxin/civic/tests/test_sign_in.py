"""Volunteer sign-in on a phone: on the activity's day a volunteer signs in on arrival and out
on leaving, and the hours between (to the half hour) are credited through `sign_in`; the sheet
is the activity's page, reached by its QR code, scoped like every page."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lianxin.audit.models import AuditEvent
from lianxin.civic import volunteers
from lianxin.civic.models import Arrival, SignIn
from lianxin.core.changes import today
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, YINGXIU, org

pytestmark = pytest.mark.django_db


def activity(code=XIGUO_VILLAGE, day=None):
    village = org(code)
    team = volunteers.add_team(SYSTEM, village, name="红色理发队", kind="haircut")
    barber = volunteers.register(SYSTEM, village, name="张师傅", teams=[team], since=1984)
    return volunteers.record_activity(SYSTEM, team, title="义务理发", day=day or today()), barber


def test_hours_to_the_half_hour():
    start = datetime(2026, 3, 1, 8, 0)
    assert volunteers.served_hours(start, start + timedelta(minutes=5)) == Decimal("0.5")
    assert volunteers.served_hours(start, start + timedelta(hours=2, minutes=50)) == Decimal("3")
    assert volunteers.served_hours(start, start + timedelta(hours=2, minutes=40)) == Decimal("2.5")
    assert volunteers.served_hours(start, start + timedelta(hours=30)) == Decimal("24")


class TestService:
    def test_arrive_and_leave_credit_the_hours(self):
        act, barber = activity()
        arrival = volunteers.arrive(SYSTEM, act, barber)
        done = volunteers.leave(SYSTEM, act, barber, at=arrival.arrived_at + timedelta(hours=3))
        assert done.hours == Decimal("3.0") and not Arrival.objects.exists()
        assert volunteers.with_totals(type(barber).objects.filter(pk=barber.pk), today().year).get().year_hours == 3
        assert AuditEvent.objects.filter(action="civic.volunteer.arrive").count() == 1
        with pytest.raises(ValidationError, match="已签到并签退"):
            volunteers.arrive(SYSTEM, act, barber)

    def test_twice_in_and_out_without_in_are_refused(self):
        act, barber = activity()
        with pytest.raises(ValidationError, match="还没有签到"):
            volunteers.leave(SYSTEM, act, barber)
        volunteers.arrive(SYSTEM, act, barber)
        with pytest.raises(ValidationError, match="已签到"):
            volunteers.arrive(SYSTEM, act, barber)

    def test_only_on_the_activitys_day_and_in_its_village(self):
        act, barber = activity(day=today() - timedelta(days=1))
        with pytest.raises(ValidationError, match="活动当天"):
            volunteers.arrive(SYSTEM, act, barber)
        act, _barber = activity(DADING_VILLAGE)
        with pytest.raises(ValidationError, match="本村"):
            volunteers.arrive(SYSTEM, act, barber)


class TestPage:
    def test_sign_in_and_out_on_the_sheet(self, login, users):
        act, barber = activity()
        client, url = login(users["township"]), reverse("civic:activity_sign_in", kwargs={"pk": act.pk})
        page = client.get(url).content.decode()
        assert "张师傅" in page and "<svg" in page and 'value="arrive"' in page
        assert client.post(url, {"op": "arrive", "volunteer": barber.pk}).status_code == 302
        assert 'value="leave"' in client.get(url).content.decode()
        assert client.post(url, {"op": "leave", "volunteer": barber.pk}).status_code == 302
        assert SignIn.objects.get(activity=act, volunteer=barber).hours == Decimal("0.5")
        assert "已签退" in client.get(url).content.decode()

    def test_another_villages_volunteer_cannot_be_picked(self, login, users):
        act, _barber = activity()
        _other, stranger = activity(DADING_VILLAGE)
        url = reverse("civic:activity_sign_in", kwargs={"pk": act.pk})
        login(users["township"]).post(url, {"op": "arrive", "volunteer": stranger.pk})
        assert not Arrival.objects.exists()

    def test_scope_and_action(self, login, users):
        act, barber = activity(YINGXIU)
        url = reverse("civic:activity_sign_in", kwargs={"pk": act.pk})
        assert login(users["township"]).get(url).status_code == 404  # 迎秀社区 is 大定街道's
        member = login(users["member"])  # reads volunteer service, signs nobody in
        assert 'value="arrive"' not in member.get(url).content.decode()
        assert member.post(url, {"op": "arrive", "volunteer": barber.pk}).status_code == 403
        assert not Arrival.objects.exists()

    def test_a_new_activity_leads_to_its_sheet(self, login, users):
        village = org(XIGUO_VILLAGE)
        team = volunteers.add_team(SYSTEM, village, name="助老队", kind="elderly")
        body = {"team": team.pk, "title": "助老", "day": today().isoformat(), "beneficiaries": 3, "hours": 2}
        answer = login(users["township"]).post(reverse("civic:activity_create"), body)
        assert answer.status_code == 302 and "/activities/" in answer["Location"]
