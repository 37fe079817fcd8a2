"""Civic life through the services and pages: a dispute from intake to an outcome within its
time limit, escalation into a 连心 matter, the three-zero report and statistics, volunteers'
hours per year and over a lifetime, and the indicators the stars read."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lianxin.audit.services import Actor
from lianxin.civic import indicators, services, stats, volunteers
from lianxin.civic.choices import DisputeStatus, Outcome
from lianxin.civic.models import Nomination, Volunteer
from lianxin.liaison.models import Matter
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO, XIGUO_VILLAGE, YINGXIU, household, org

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 2)


def dispute(code=XIGUO_VILLAGE, **extra):
    fields = {"kind": "neighbour", "description": "宅基地边界", "mediator": "王", "parties": "甲、乙"} | extra
    return services.take_in(SYSTEM, org(code), **fields)


class TestDisputes:
    def test_intake_sessions_and_outcome(self):
        d = dispute(counselling=True, received_on=DAY)
        assert d.deadline == DAY + timedelta(days=30) and d.is_overdue_on(DAY + timedelta(days=31))
        services.add_session(SYSTEM, d, kind="counselling", note="心理疏导一次")
        with pytest.raises(ValidationError):
            services.close(SYSTEM, d, outcome=Outcome.MEDIATED, result=" ")
        services.close(SYSTEM, d, outcome=Outcome.MEDIATED, result="达成协议", day=DAY + timedelta(days=5))
        d.refresh_from_db()
        assert d.status == DisputeStatus.CLOSED and not d.is_overdue_on(DAY + timedelta(days=60))
        with pytest.raises(ValidationError):
            services.add_session(SYSTEM, d, kind="mediation", note="x")

    def test_parties_from_the_register_of_the_same_village(self):
        with pytest.raises(ValidationError):
            dispute(parties="", households=[household(DADING_VILLAGE)])
        with pytest.raises(ValidationError):
            dispute(parties="")

    def test_escalation_makes_a_liaison_matter(self):
        d = services.escalate(SYSTEM, dispute())
        matter = Matter.objects.get(pk=d.matter_id)
        assert matter.category == "dispute" and d.outcome == Outcome.REFERRED

    def test_a_member_may_not_take_in(self, users):
        with pytest.raises(PermissionDenied):
            services.take_in(
                Actor(user=users["member"]), org(YINGXIU), kind="other", description="x", mediator="x", parties="x"
            )


def test_three_zero_statistics_per_month(users, django_assert_max_num_queries):
    services.report_month(SYSTEM, org(XIGUO_VILLAGE), DAY, petitions=0, incidents=0, cases=0)
    services.report_month(SYSTEM, org(XIGUO_VILLAGE), DAY.replace(month=4), petitions=1, incidents=0, cases=0)
    services.report_month(SYSTEM, org(XIGUO_VILLAGE), DAY, petitions=0, incidents=0, cases=0)  # corrected, not doubled
    services.close(SYSTEM, dispute(received_on=DAY), outcome=Outcome.MEDIATED, result="好", day=DAY)
    county = org("410883")
    stats.three_zero(users["office"], county, 2026)  # the user's grants, read once per request
    with django_assert_max_num_queries(2):
        figures = stats.three_zero(users["office"], county, 2026)
    march = figures[(XIGUO, DAY.replace(day=1))]
    assert march["reports"] == 1 and march["zero_villages"] == 1 and march["resolved"] == 1
    assert figures[(XIGUO, date(2026, 4, 1))]["petitions"] == 1
    assert indicators.three_zero_months([XIGUO_VILLAGE], 2026) == {XIGUO_VILLAGE: 1}
    assert indicators.resolved_in_village([XIGUO_VILLAGE], 2026) == {XIGUO_VILLAGE: 100.0}


def test_volunteer_hours_per_year_and_lifetime():
    village = org(XIGUO_VILLAGE)
    team = volunteers.add_team(SYSTEM, village, name="红色理发队", kind="haircut")
    barber = volunteers.register(SYSTEM, village, name="张师傅", teams=[team], since=1984, prior_hours=5040)
    volunteers.record_activity(SYSTEM, team, title="理发", day=DAY, hours={barber: 4})
    activity = volunteers.record_activity(SYSTEM, team, title="理发", day=DAY.replace(year=2025), hours={barber: 3})
    with pytest.raises(ValidationError):
        volunteers.sign_in(SYSTEM, activity, barber, 2)  # once per activity
    row = volunteers.with_totals(Volunteer.objects.all(), 2026).get()
    assert row.year_hours == 4 and row.signed_hours + row.prior_hours == 5047
    assert indicators.volunteer_hours([XIGUO_VILLAGE], 2026) == {XIGUO_VILLAGE: 4.0}


class TestPages:
    def test_lists_stats_and_record_page(self, login, users):
        d = dispute()
        team = volunteers.add_team(SYSTEM, org(XIGUO_VILLAGE), name="队", kind="haircut")
        v = volunteers.register(SYSTEM, org(XIGUO_VILLAGE), name="张师傅", teams=[team], prior_hours=10)
        services.report_month(SYSTEM, org(XIGUO_VILLAGE), DAY, petitions=0, incidents=0, cases=0)
        client = login(users["township"])
        for name in ("civic:dispute_list", "civic:zero_list", "civic:volunteer_list"):
            assert client.get(reverse(name)).status_code == 200
        assert client.get(reverse("civic:dispute_detail", args=[d.pk])).status_code == 200
        assert "张师傅" in client.get(reverse("civic:volunteer_detail", args=[v.pk])).content.decode()
        page = client.get(reverse("civic:three_zero", args=[XIGUO]), {"year": 2026}).content.decode()
        assert "2026-03" in page

    def test_close_through_the_page(self, login, users):
        d = dispute(code=YINGXIU)
        url = reverse("civic:dispute_detail", args=[d.pk])
        response = login(users["village"]).post(url, {"op": "close", "outcome": "mediated", "result": "和解"})
        assert response.status_code == 302
        d.refresh_from_db()
        assert d.status == DisputeStatus.CLOSED


def test_demo_once_with_the_barber():
    from lianxin.civic import demo

    for n in range(4):
        household(YINGXIU, number=f"y{n}")
    first = demo.load()
    assert first["reports"] > 0 and first["showcase"] == YINGXIU
    assert demo.load()["reports"] == 0
    barber = volunteers.with_totals(Volunteer.objects.filter(name="张师傅"), date.today().year).get()
    assert barber.member.birth_date.year == 1966 and barber.since == 1984
    assert Matter.objects.filter(category="dispute").count() == 1
    assert Nomination.objects.filter(selected=True).count() == 3  # the most-voted of each category
