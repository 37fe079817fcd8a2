from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch
from lianxin.rhythm.models import Decision, MeetingUnit
from lianxin.rhythm.workbench import cards
from lianxin.testing.auth import verified_client

pytestmark = pytest.mark.django_db


def meeting(users, day=None):
    return dispatch.create_meeting(
        Actor(user=users["office"]),
        Org.objects.get(code=MENGZHOU),
        day=day or timezone.localdate() + timedelta(days=3),
        title="十一月月调度会",
        chair="李书记",
    )


def test_every_township_is_called_with_a_report_from_its_data(users, plans):
    made = meeting(users)
    units = {u.org.code: u for u in made.units.select_related("org")}
    assert len([c for c in units if len(c) == 9]) == 11
    assert "创星规划1份" in units[XIGUO].report


def test_the_township_edits_its_report_until_the_meeting(users, plans):
    made = meeting(users)
    mine = MeetingUnit.objects.get(meeting=made, org__code=XIGUO)
    client = verified_client(users["township"])
    response = client.post(reverse("rhythm:meeting_unit", args=[mine.pk]), {"report": "本月完成三项措施"})
    assert response["Location"] == made.get_absolute_url()
    mine.refresh_from_db()
    assert mine.report == "本月完成三项措施" and mine.report_updated_at
    other = MeetingUnit.objects.exclude(org__code__startswith=XIGUO).filter(meeting=made).first()
    assert client.get(reverse("rhythm:meeting_unit", args=[other.pk])).status_code == 404
    type(made).objects.filter(pk=made.pk).update(date=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        dispatch.update_report(Actor(user=users["township"]), MeetingUnit.objects.get(pk=mine.pk), report="晚了")


def test_attendance_decisions_and_minutes(users, plans):
    made = meeting(users)
    mine = MeetingUnit.objects.get(meeting=made, org__code=XIGUO)
    client = verified_client(users["office"])
    client.post(made.get_absolute_url(), {"op": "attendance", f"attended_{mine.pk}": "on", f"reported_{mine.pk}": "on"})
    mine.refresh_from_db()
    assert mine.attended and mine.reported and not mine.head_attended
    assert MeetingUnit.objects.filter(meeting=made, attended=True).count() == 1
    deadline = timezone.localdate() - timedelta(days=1)
    client.post(
        made.get_absolute_url(), {"op": "decide", "text": "补齐联户台账", "owner": mine.org_id, "deadline": deadline}
    )
    decision = Decision.objects.get()
    assert decision.org.code == XIGUO
    card = cards(users["township"], timezone.localdate())[-1]
    assert (card.count, card.tone) == (1, "danger")
    response = client.get(reverse("rhythm:meeting_minutes", args=[made.pk]))
    text = "\n".join(p.text for p in Document(BytesIO(b"".join(response.streaming_content))).paragraphs)
    assert "李书记主持召开十一月月调度会" in text and "西虢镇" in text


def test_the_owner_reports_a_decision_done(users, plans):
    made = meeting(users)
    owner = Org.objects.get(code=XIGUO)
    decision = dispatch.add_decision(
        Actor(user=users["office"]), made, text="整改", owner=owner, deadline=timezone.localdate()
    )
    neighbour = verified_client(users["neighbour"])
    assert neighbour.get(decision.get_absolute_url()).status_code == 404
    verified_client(users["township"]).post(decision.get_absolute_url(), {"op": "done", "note": "已完成"})
    decision.refresh_from_db()
    assert decision.done_at and decision.done_note == "已完成"
    assert cards(users["township"], timezone.localdate())[-1].count == 0
