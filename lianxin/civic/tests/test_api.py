"""Civic writes over the API: the same services as the pages, scoped — out of the user's scope
is 404, a role without the write action 403, a broken rule 400 with the Chinese message."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.audit.models import AuditEvent
from lianxin.civic import selection, services, volunteers
from lianxin.civic.choices import DisputeStatus
from lianxin.civic.models import Dispute, Vote
from lianxin.registers.tests.factories import DADING_VILLAGE, SYSTEM, XIGUO_VILLAGE, YINGXIU, household, org
from lianxin.testing.images import real_png

pytestmark = pytest.mark.django_db
JSON = "application/json"


def dispute(code=XIGUO_VILLAGE):
    return services.take_in(SYSTEM, org(code), kind="neighbour", description="争执", mediator="王", parties="甲、乙")


def post(client, url, data=None):
    return client.post(url, data or {}, content_type=JSON)


class TestDisputes:
    def test_intake_with_households_of_the_village(self, login, users):
        client = login(users["township"])
        h = household(XIGUO_VILLAGE)
        body = {"village": XIGUO_VILLAGE, "kind": "land", "description": "地界", "mediator": "王", "households": [h.pk]}
        answer = post(client, "/api/v1/civic/disputes/", body)
        assert answer.status_code == 201, answer.content
        assert answer.json()["households"] == [h.pk] and answer.json()["status"] == DisputeStatus.MEDIATING
        assert AuditEvent.objects.filter(action="civic.dispute.create").count() == 1

    def test_intake_refuses_out_of_scope_households_and_villages(self, login, users):
        client = login(users["township"])
        outside = household(DADING_VILLAGE)
        body = {
            "village": XIGUO_VILLAGE,
            "kind": "land",
            "description": "x",
            "mediator": "王",
            "households": [outside.pk],
        }
        assert post(client, "/api/v1/civic/disputes/", body).json() == {"households": ["不存在或不在您的范围内"]}
        body = {"village": DADING_VILLAGE, "kind": "land", "description": "x", "mediator": "王", "parties": "甲"}
        assert "village" in post(client, "/api/v1/civic/disputes/", body).json()
        body = {"village": XIGUO_VILLAGE, "kind": "land", "description": "x", "mediator": "王"}
        assert post(client, "/api/v1/civic/disputes/", body).json() == {"detail": ["请选择当事农户或填写当事人"]}
        assert not Dispute.objects.exists()

    def test_session_close_and_agreement(self, login, users):
        client, d = login(users["township"]), dispute()
        url = f"/api/v1/civic/disputes/{d.pk}"
        assert post(client, f"{url}/sessions/", {"kind": "counselling", "note": "疏导"}).status_code == 200
        answer = post(client, f"{url}/close/", {"outcome": "mediated", "result": "达成协议"})
        assert answer.status_code == 200 and answer.json()["status"] == DisputeStatus.CLOSED
        assert post(client, f"{url}/close/", {"outcome": "mediated", "result": "再"}).json() == {
            "detail": ["该纠纷已办结"]
        }
        scan = SimpleUploadedFile("协议.png", real_png(8, 8), content_type="image/png")
        assert client.post(f"{url}/agreement/", {"file": scan}).status_code == 201
        assert d.agreements.get().original_name == "协议.png"

    def test_an_agreement_is_checked_by_content(self, login, users):
        client, d = login(users["township"]), dispute()
        fake = SimpleUploadedFile("协议.png", b"MZ not an image at all", content_type="image/png")
        answer = client.post(f"/api/v1/civic/disputes/{d.pk}/agreement/", {"file": fake})
        assert answer.status_code == 400 and not d.agreements.exists()

    def test_escalate_makes_a_matter(self, login, users):
        d = dispute()
        answer = post(login(users["township"]), f"/api/v1/civic/disputes/{d.pk}/escalate/")
        assert answer.status_code == 200 and answer.json()["matter_id"] and answer.json()["outcome"] == "referred"

    def test_out_of_scope_is_404_and_no_action_403(self, login, users):
        outside, visible = dispute(DADING_VILLAGE), dispute(YINGXIU)
        close = {"outcome": "mediated", "result": "好"}
        assert post(login(users["township"]), f"/api/v1/civic/disputes/{outside.pk}/close/", close).status_code == 404
        member = login(users["member"])
        assert member.get(f"/api/v1/civic/disputes/{visible.pk}/").status_code == 200
        assert post(member, f"/api/v1/civic/disputes/{visible.pk}/close/", close).status_code == 403
        visible.refresh_from_db()
        assert visible.status == DisputeStatus.MEDIATING


class TestVolunteers:
    def test_record_an_activity_and_sign_in(self, login, users):
        village = org(XIGUO_VILLAGE)
        team = volunteers.add_team(SYSTEM, village, name="红色理发队", kind="haircut")
        barber = volunteers.register(SYSTEM, village, name="张师傅", teams=[team])
        client = login(users["township"])
        answer = post(client, "/api/v1/civic/activities/", {"team": team.pk, "title": "义务理发", "date": "2026-03-01"})
        assert answer.status_code == 201, answer.content
        url = f"/api/v1/civic/activities/{answer.json()['id']}/sign-in/"
        answer = post(client, url, {"volunteer": barber.pk, "hours": "3.5"})
        assert answer.status_code == 200 and answer.json()["sign_ins"][0]["hours"] == "3.5"
        assert post(client, url, {"volunteer": barber.pk, "hours": "1"}).json() == {"detail": ["张师傅 已签到"]}

    def test_out_of_scope_team_and_activity(self, login, users):
        village = org(DADING_VILLAGE)
        team = volunteers.add_team(SYSTEM, village, name="队", kind="other")
        activity = volunteers.record_activity(SYSTEM, team, title="扫街", day=date(2026, 3, 1))
        client = login(users["township"])
        assert post(client, "/api/v1/civic/activities/", {"team": team.pk, "title": "x"}).status_code == 400
        answer = post(client, f"/api/v1/civic/activities/{activity.pk}/sign-in/", {"volunteer": 1, "hours": "1"})
        assert answer.status_code == 404


def test_one_vote_per_household_over_the_api(login, users):
    campaign = selection.create_campaign(
        SYSTEM, org(XIGUO_VILLAGE), year=2026, title="好媳妇评选", categories="好媳妇", voting="residents"
    )
    nomination = selection.nominate(SYSTEM, campaign, category="好媳妇", name="刘秀英", reason="孝敬公婆")
    selection.open_voting(SYSTEM, campaign)
    voter = household(XIGUO_VILLAGE, number="v1")
    client, url = login(users["township"]), f"/api/v1/civic/campaigns/{campaign.pk}/vote/"
    assert post(client, url, {"nomination": nomination.pk, "household": voter.pk}).status_code == 200
    assert post(client, url, {"nomination": nomination.pk, "household": voter.pk}).json() == {
        "detail": ["该户已在此类别投票"]
    }
    assert post(client, url, {"nomination": nomination.pk + 99, "household": voter.pk}).status_code == 400
    assert Vote.objects.count() == 1
