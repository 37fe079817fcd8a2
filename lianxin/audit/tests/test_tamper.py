"""Tampering by someone who can write the database (security.md 11): the keyed chain and the
signed checkpoints outside the database name a cut tail, a rewritten chain and a forged
checkpoint; checkpoints follow commits and never break the request that triggers them."""

import hashlib
import json
import logging
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from lianxin.audit import checkpoints
from lianxin.audit.keys import key_id, mac
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record, verify_chain
from lianxin.conftest import XIGUO
from lianxin.core.tests.test_pages import manage_in_production

pytestmark = pytest.mark.django_db

EVERY = 5


@pytest.fixture
def chain(settings, django_capture_on_commit_callbacks):
    """chain(n) records n events with a checkpoint every EVERY events, committed as a request
    would commit them (the test's own transaction never commits)."""
    settings.LIANXIN_AUDIT_CHECKPOINT_EVERY = EVERY

    def make(n):
        with django_capture_on_commit_callbacks(execute=True):
            return [record(Actor.system("t"), "test.event", org_code=XIGUO, after={"n": i}) for i in range(n)]

    return make


def pinned_seqs() -> list[int]:
    return [line.checkpoint.seq for line in checkpoints.load()]


def plain_sha256(event) -> str:
    """The old algorithm: anyone who can read the code can compute it."""
    return hashlib.sha256(event.canonical().encode("utf-8")).hexdigest()


def rewrite(seq, digest, **changes):
    """What an attacker with write access does: change one event, then re-chain every later one
    with `digest`, through SQL (the ORM refuses)."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        for name, value in changes.items() if event.seq == seq else ():
            setattr(event, name, value)
        event.prev_hash = prev
        event.hash = prev = digest(event)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET username = %s, ip = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                [event.username, event.ip, event.prev_hash, event.hash, event.seq],
            )


def test_cutting_off_the_last_events_is_named(chain):
    last = chain(12)[-1].seq
    newest = max(pinned_seqs())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq > %s", [last - 5])
    with pytest.raises(CommandError, match=f"尾部被截断：事件 #{last - 4}–#{newest} 缺失"):
        call_command("verify_audit")


def test_rewrite_rehashed_without_the_key_is_named():
    """Change who and where, re-chain with plain SHA-256: passed verify_audit before the key."""
    events = [record(Actor.system("t"), "test.event", org_code=XIGUO) for _ in range(4)]
    target = events[1].seq
    rewrite(target, plain_sha256, username="someone_else", ip="10.9.8.7")
    with pytest.raises(CommandError, match=f"事件 #{target} 的内容被改动"):
        call_command("verify_audit")


def test_rewrite_rehashed_with_the_key_is_caught_by_a_checkpoint(chain):
    """Whoever holds the key can re-chain correctly; the checkpoint taken before still differs."""
    chain(12)
    first_pin, second_pin = sorted(pinned_seqs())[:2]
    rewrite(second_pin - 1, lambda event: event.compute_hash(), username="someone_else", ip="10.9.8.7")
    assert AuditEvent.objects.get(seq=second_pin - 1).ip == "10.9.8.7"
    with pytest.raises(CommandError, match=f"审计链在 #{first_pin + 1}–#{second_pin} 之间被改写"):
        call_command("verify_audit")


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda line: line.replace('"seq":', '"seq":1'), id="count raised"),
        pytest.param(lambda line: line.replace('"hash":"', '"hash":"0'), id="hash changed"),
        pytest.param(lambda line: "not json", id="garbage"),
    ],
)
def test_altered_checkpoint_line_is_named(chain, audit_checkpoints, tamper):
    chain(10)
    first, second, *rest = audit_checkpoints.read_text().splitlines()
    audit_checkpoints.write_text("\n".join([first, tamper(second), *rest]) + "\n")
    with pytest.raises(CommandError, match="检查点文件第 2 行被伪造或改动"):
        call_command("verify_audit")


def test_checkpoint_signed_with_another_key_is_named(chain, audit_checkpoints):
    last = chain(5)[-1]
    guessed = b"not-the-audit-key"
    forged = checkpoints.Checkpoint(last.seq + 10, "f" * 64, "2030-01-01T00:00:00+00:00", key_id(guessed), "")
    line = {**forged.__dict__, "sig": mac(guessed, forged.signed_text())}
    with audit_checkpoints.open("a") as file:
        file.write(json.dumps(line) + "\n")
    with pytest.raises(CommandError, match="检查点文件第 2 行被伪造或改动"):
        call_command("verify_audit")


def test_rolled_back_event_writes_no_checkpoint(settings, django_capture_on_commit_callbacks, audit_checkpoints):
    settings.LIANXIN_AUDIT_CHECKPOINT_EVERY = 1
    with django_capture_on_commit_callbacks(execute=True) as pending:
        with pytest.raises(RuntimeError), transaction.atomic():
            record(Actor.system("t"), "test.event")
            raise RuntimeError("the business change failed")
    assert pending == [] and not audit_checkpoints.exists()
    with django_capture_on_commit_callbacks(execute=True):
        event = record(Actor.system("t"), "test.event")
    assert pinned_seqs() == [event.seq]


def test_unwritable_checkpoint_does_not_fail_record(settings, tmp_path, caplog, django_capture_on_commit_callbacks):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.LIANXIN_AUDIT_CHECKPOINTS = blocker / "audit-checkpoints.jsonl"  # its folder is a file
    settings.LIANXIN_AUDIT_CHECKPOINT_EVERY = 1
    with caplog.at_level(logging.ERROR, "lianxin.audit.checkpoints"), django_capture_on_commit_callbacks(execute=True):
        event = record(Actor.system("t"), "test.event")
    assert AuditEvent.objects.filter(seq=event.seq).exists()
    assert f"audit checkpoint #{event.seq} could not be written" in caplog.text
    for command in ("audit_checkpoint", "verify_audit"):
        with pytest.raises(CommandError, match="检查点文件 .* 无法读取"):
            call_command(command)


def test_intact_chain_reports_its_newest_checkpoint(chain, capsys):
    chain(7)
    newest = max(pinned_seqs())
    last = record(Actor.system("t"), "test.not_yet_pinned").seq  # never committed: no checkpoint
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert f"最近一个是 #{newest}" in out and f"其后 {last - newest} 条事件尚未写入检查点" in out


def test_audit_checkpoint_command_writes_only_when_the_chain_moved(capsys):
    last = record(Actor.system("t"), "test.event")
    call_command("audit_checkpoint")
    call_command("audit_checkpoint")
    out = capsys.readouterr().out
    assert f"已写入检查点 #{last.seq}" in out and f"自检查点 #{last.seq} 以来没有变化" in out
    assert pinned_seqs() == [last.seq]
    call_command("verify_audit")
    assert f"最近一个是 #{last.seq}" in capsys.readouterr().out


def test_audit_checkpoint_command_will_not_pin_a_cut_chain():
    last = record(Actor.system("t"), "test.event")
    call_command("audit_checkpoint")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [last.seq])
    with pytest.raises(CommandError, match="与检查点文件第 1 行不符"):
        call_command("audit_checkpoint")
    assert pinned_seqs() == [last.seq]


NEW_KEY = "a-new-audit-key-after-rotation-0123456789"


def test_rotated_key_verifies_old_and_new_events(settings):
    old_key = settings.LIANXIN_AUDIT_KEY
    record(Actor.system("t"), "test.before_rotation")
    call_command("audit_checkpoint")
    settings.LIANXIN_AUDIT_KEY, settings.LIANXIN_AUDIT_RETIRED_KEYS = NEW_KEY, [old_key]
    record(Actor.system("t"), "test.after_rotation")
    call_command("audit_checkpoint")
    assert verify_chain().problem is None
    settings.LIANXIN_AUDIT_RETIRED_KEYS = []
    assert verify_chain().problem.reason.startswith("检查点文件第 1 行")


def test_retired_key_cannot_sign_after_a_newer_one(settings):
    """A leaked old key must not be able to append events once the new key is in use."""
    old_key = settings.LIANXIN_AUDIT_KEY
    settings.LIANXIN_AUDIT_KEY, settings.LIANXIN_AUDIT_RETIRED_KEYS = NEW_KEY, [old_key]
    record(Actor.system("t"), "test.after_rotation")
    settings.LIANXIN_AUDIT_KEY = old_key
    forged = record(Actor.system("t"), "test.signed_with_the_old_key")
    settings.LIANXIN_AUDIT_KEY = NEW_KEY
    assert verify_chain().problem.reason == f"事件 #{forged.seq} 的内容被改动（哈希不符）"


def migration_apps():
    return MigrationExecutor(connection).loader.project_state(("audit", "0002_rekey_chain_with_hmac")).apps


def test_rekeying_migration_round_trips_and_does_not_launder_a_broken_chain():
    migration = import_module("lianxin.audit.migrations.0002_rekey_chain_with_hmac")
    events = [record(Actor.system("t"), "test.event") for _ in range(3)]
    apps, editor = migration_apps(), SimpleNamespace(connection=connection)
    migration.backwards(apps, editor)
    assert AuditEvent.objects.get(seq=events[0].seq).hash == plain_sha256(AuditEvent.objects.get(seq=events[0].seq))
    migration.forwards(apps, editor)
    assert verify_chain().problem is None
    migration.backwards(apps, editor)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET ip = %s WHERE seq = %s", ["10.9.8.7", events[1].seq])
    migration.forwards(apps, editor)
    assert f"#{events[1].seq}" in verify_chain().problem.reason


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LIANXIN_AUDIT_KEY": ""}, "LIANXIN_AUDIT_KEY must be set in production"),
        ({"LIANXIN_AUDIT_KEY": "short"}, "LIANXIN_AUDIT_KEY must be at least 32 characters"),
        ({"LIANXIN_AUDIT_CHECKPOINTS": ""}, "LIANXIN_AUDIT_CHECKPOINTS must be set in production"),
    ],
)
def test_production_requires_an_audit_key_and_a_checkpoint_file(env, message):
    result = manage_in_production("check", **env)
    assert result.returncode != 0 and message in result.stderr


def test_audit_key_must_not_be_the_secret_key():
    key = "s" * 60
    result = manage_in_production("check", DJANGO_SECRET_KEY=key, LIANXIN_AUDIT_KEY=key)
    assert result.returncode != 0 and "must not be the same as DJANGO_SECRET_KEY" in result.stderr
