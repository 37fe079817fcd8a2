import pytest
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch, duties
from lianxin.testing.auth import verified_client

pytestmark = pytest.mark.django_db


def test_meetings_decisions_and_duties_are_read_in_scope(users, plans):
    county = Org.objects.get(code=MENGZHOU)
    office = Actor(user=users["office"])
    meeting = dispatch.create_meeting(office, county, day=timezone.localdate(), title="月调度会", chair="书记")
    dispatch.add_decision(
        office, meeting, text="补台账", owner=Org.objects.get(code=XIGUO), deadline=timezone.localdate()
    )
    duties.add_duty(office, county, title="专题研究", holder="书记", frequency="quarterly")
    township = verified_client(users["township"])
    meetings = township.get("/api/v1/rhythm/meetings/").json()["results"]
    # The county's meeting, with only this township among the units it called.
    assert [m["title"] for m in meetings] == ["月调度会"] and [u["org"] for u in meetings[0]["units"]] == [XIGUO]
    everyone = verified_client(users["office"]).get("/api/v1/rhythm/meetings/").json()["results"]
    assert len(everyone[0]["units"]) > 10
    rows = township.get("/api/v1/rhythm/decisions/").json()["results"]
    assert [d["org"] for d in rows] == [XIGUO]
    assert verified_client(users["neighbour"]).get(f"/api/v1/rhythm/decisions/{rows[0]['id']}/").status_code == 404
    duty_rows = verified_client(users["office"]).get("/api/v1/rhythm/duties/").json()["results"]
    assert [(d["title"], d["last_done"]) for d in duty_rows] == [("专题研究", None)]
    assert verified_client(users["office_boai"]).get("/api/v1/rhythm/duties/").json()["results"] == []
