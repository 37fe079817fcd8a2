"""The audit chain: append-only, tamper-evident, verified by a command (security.md 10–11)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record, verify_chain
from lianxin.conftest import BOAI, MENGZHOU, XIGUO
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db


def chain_of(n):
    return [record(Actor.system("t"), "test.event", org_code=XIGUO, after={"n": i, "名": "值"}) for i in range(n)]


def test_events_link_into_a_chain():
    events = chain_of(3)
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 3))
    assert verify_chain().problem is None


def test_verify_audit_command_passes_on_an_intact_chain(capsys):
    chain_of(2)
    call_command("verify_audit")
    assert "审计链完整" in capsys.readouterr().out


def test_altered_event_is_named(capsys):
    events = chain_of(3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["改过", events[1].seq])
    with pytest.raises(CommandError, match=f"#{events[1].seq} 的内容被改动"):
        call_command("verify_audit")


def test_altered_snapshot_is_named():
    events = chain_of(2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET after = %s WHERE seq = %s", ['{"n": 99}', events[0].seq])
    assert f"#{events[0].seq}" in verify_chain().problem.reason


def test_removed_event_is_named():
    events = chain_of(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [events[1].seq])
    with pytest.raises(CommandError, match=f"#{events[1].seq} 缺失"):
        call_command("verify_audit")


def test_rehashed_forgery_breaks_the_next_link():
    """Rewriting an event and recomputing its own hash still breaks the link from the next one."""
    events = chain_of(3)
    forged = AuditEvent.objects.get(seq=events[1].seq)
    forged.object_repr = "伪造"
    new_hash = forged.compute_hash()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = %s, hash = %s WHERE seq = %s", ["伪造", new_hash, events[1].seq]
        )
    assert f"#{events[2].seq} 的前序哈希不符" in verify_chain().problem.reason


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = chain_of(1)[0]
    event.action = "other"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_auditor_sees_own_scope_filters_and_exports(login, users):
    record(Actor.system("t"), "test.mengzhou", org_code=XIGUO)
    record(Actor.system("t"), "test.boai", org_code=BOAI)
    client = login(users["auditor"])
    body = client.get("/audit/?action=test.").content.decode()
    assert "test.mengzhou" in body and "test.boai" not in body
    response = client.get("/audit/?action=test.&export=xlsx")
    rows = table_rows(response.content)
    assert rows[0][0] == "序号" and [r[4] for r in rows[1:]] == ["test.mengzhou"]


def test_audit_api_is_read_only(login, users):
    client = login(users["auditor"])
    event = record(Actor.system("t"), "test.api", org_code=MENGZHOU)
    assert client.get(f"/api/v1/audit-events/{event.seq}/").json()["hash"] == event.hash
    assert client.delete(f"/api/v1/audit-events/{event.seq}/").status_code == 405
    assert client.patch(f"/api/v1/audit-events/{event.seq}/", {}).status_code == 405


def test_bad_filter_input_does_not_fail(login, users):
    assert login(users["auditor"]).get("/audit/?since=not-a-date&seq=x").status_code == 200
