from datetime import date, timedelta

import pytest
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU
from lianxin.orgs.models import Org
from lianxin.rhythm import duties
from lianxin.rhythm.models import Frequency
from lianxin.rhythm.workbench import cards
from lianxin.testing.auth import verified_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("last", "frequency", "expected"),
    [
        (date(2026, 11, 3), Frequency.MONTHLY, duties.DONE),
        (date(2026, 10, 31), Frequency.MONTHLY, duties.DUE),
        (date(2026, 9, 30), Frequency.MONTHLY, duties.MISSED),
        (date(2026, 10, 1), Frequency.QUARTERLY, duties.DONE),
        (date(2026, 7, 1), Frequency.QUARTERLY, duties.DUE),
        (date(2026, 6, 30), Frequency.QUARTERLY, duties.MISSED),
        (None, Frequency.QUARTERLY, duties.MISSED),
    ],
)
def test_a_duty_is_red_when_its_last_full_period_passed_without_it(last, frequency, expected):
    assert duties.state(last, frequency, date(2026, 11, 29)) == expected


def test_a_missed_duty_is_red_on_the_workbench_and_in_the_bulletin(users, plans, django_capture_on_commit_callbacks):
    county = Org.objects.get(code=MENGZHOU)
    office = Actor(user=users["office"])
    research = duties.add_duty(
        office, county, title="专题研究五星支部创建", holder="市委书记", frequency=Frequency.QUARTERLY
    )
    meeting = duties.add_duty(office, county, title="召开专题会议", holder="组织部部长", frequency=Frequency.MONTHLY)
    duties.record_occurrence(office, meeting, day=timezone.localdate(), note="十一月专题会")
    card = cards(users["office"], timezone.localdate())[-1]
    assert (card.count, card.tone) == (1, "danger") and "专题研究" in card.detail
    from lianxin.rhythm import services
    from lianxin.rhythm.figures import week_of

    with django_capture_on_commit_callbacks(execute=True):
        bulletin = services.request_bulletin(office, county, week_of(timezone.localdate() + timedelta(days=7))[0])
    bulletin.refresh_from_db()
    page = verified_client(users["office"]).get(bulletin.get_absolute_url()).content.decode()
    assert "市委书记“专题研究五星支部创建”" in page and "组织部部长“召开专题会议”" not in page
    assert research.occurrences.count() == 0


def test_the_office_records_a_duty_from_its_page(users):
    duty = duties.add_duty(
        Actor(user=users["office"]),
        Org.objects.get(code=MENGZHOU),
        title="联席会议",
        holder="工作专班",
        frequency="monthly",
    )
    client = verified_client(users["office"])
    client.post(duty.get_absolute_url(), {"op": "done", "day": timezone.localdate().isoformat(), "note": "联席会议"})
    assert duty.occurrences.count() == 1
    assert "本期已落实" in client.get(duty.get_absolute_url()).content.decode()
    refused = verified_client(users["township"]).post(
        duty.get_absolute_url(), {"op": "done", "day": "2026-11-01", "note": "x"}
    )
    assert refused.status_code in (403, 404) and duty.occurrences.count() == 1
