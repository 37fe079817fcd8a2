"""Writing and checking the audit chain. Every state change in Lianxin calls `record` inside
the same transaction as the change, so the change and its event commit or vanish together.
`verify_chain` checks the keyed hashes (keys.py) and holds the chain against the signed
checkpoints written outside the database (checkpoints.py)."""

import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from lianxin.audit import changes, checkpoints
from lianxin.audit.keys import key_ring
from lianxin.audit.models import GENESIS_HASH, AuditEvent, AuditResult
from lianxin.core import hotpath
from lianxin.core.net import client_ip
from lianxin.core.personal import masked

# Any constant will do: it names the PostgreSQL advisory lock that serialises chain appends.
_CHAIN_LOCK_ID = 4_108_830_001


@dataclass(frozen=True)
class Actor:
    """Who does something and from where: a logged-in user, or a command run by an operator."""

    user: object | None
    ip: str = ""
    label: str = ""

    @classmethod
    def from_request(cls, request) -> "Actor":
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        return cls(user=user, ip=client_ip(request))

    @classmethod
    def system(cls, label: str) -> "Actor":
        return cls(user=None, ip="", label=label)

    @property
    def username(self) -> str:
        return self.user.get_username() if self.user is not None else f"<{self.label or 'system'}>"


def _plain(value):
    """JSON-safe, stable form of a field value for before/after snapshots."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    return value


def snapshot(obj: Model, fields) -> dict:
    """Before/after for an event. Personal data the model declares (core/personal.py) is masked:
    the log is read by auditors, who need to see that a mobile changed, not what it is."""
    return masked(obj, {name: _plain(getattr(obj, name)) for name in fields})


def _lock_chain():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    # SQLite: settings open every transaction with BEGIN IMMEDIATE, which already serialises writers.


def _chain_head() -> tuple[int, str]:
    """The last event's number and hash (0 and the genesis hash before the first), read on
    every write: SQL written once (core/hotpath.py)."""
    table = AuditEvent._meta.db_table
    head = hotpath.rows(AuditEvent, f"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1", [], for_write=True)
    return head[0] if head else (0, GENESIS_HASH)


def record(
    actor: Actor,
    action: str,
    *,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    org_code: str = "",
    before: dict | None = None,
    after: dict | None = None,
    result: str = AuditResult.SUCCESS,
) -> AuditEvent:
    """Append one event to the chain."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    # No savepoint inside a service's transaction: an event that fails to append fails the
    # whole change anyway.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        last_seq, last_hash = _chain_head()
        event = AuditEvent(
            seq=last_seq + 1,
            created_at=timezone.now(),
            user=actor.user,
            username=actor.username,
            ip=actor.ip,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            org_code=org_code,
            result=result,
            # A JSON round trip makes the hashed form equal to what the database gives back.
            before=json.loads(json.dumps(before, default=_plain)) if before is not None else None,
            after=json.loads(json.dumps(after, default=_plain)) if after is not None else None,
            prev_hash=last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        changes.mark(org_code, action.split(".")[0], event.seq)
        checkpoints.schedule(event.seq, event.hash)
    return event


@dataclass
class ChainProblem:
    seq: int
    reason: str


@dataclass
class ChainReport:
    checked: int  # events whose hash and link were checked
    problem: ChainProblem | None
    last_seq: int = 0
    newest_checkpoint: checkpoints.Checkpoint | None = None
    checkpoint_count: int = 0


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Check every checkpoint's signature, then walk the chain in order: each event's number,
    link and keyed hash, and its hash against any checkpoint taken at it; finally, that no
    checkpoint lies beyond the last event. Stops at the first problem."""
    try:
        lines = checkpoints.load()
    except checkpoints.CheckpointError as error:
        return ChainReport(0, ChainProblem(0, str(error)))
    walk = _Walk(lines)
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        problem = walk.step(event)
        if problem:
            return ChainReport(walk.checked, problem)
    report = ChainReport(walk.checked, None, last_seq=walk.expected_seq - 1, checkpoint_count=len(lines))
    newest = checkpoints.newest(lines)
    if newest:
        report.newest_checkpoint = newest.checkpoint
        if newest.checkpoint.seq > report.last_seq:
            first, last = report.last_seq + 1, newest.checkpoint.seq
            report.problem = ChainProblem(
                first, f"尾部被截断：事件 #{first}–#{last} 缺失（检查点文件第 {newest.number} 行记录链长 {last} 条）"
            )
    return report


class _Walk:
    """State carried from one event to the next while verifying."""

    def __init__(self, lines: list[checkpoints.Line]):
        self.pinned: dict[int, list[checkpoints.Line]] = {}
        for line in lines:
            self.pinned.setdefault(line.checkpoint.seq, []).append(line)
        self.keys = key_ring()
        self.key_index = 0  # keys are used oldest first: once a newer key signed, older ones may not
        self.expected_seq, self.expected_prev, self.checked, self.last_pinned = 1, GENESIS_HASH, 0, 0

    def step(self, event: AuditEvent) -> ChainProblem | None:
        seq = event.seq
        if seq != self.expected_seq:
            return ChainProblem(self.expected_seq, f"事件 #{self.expected_seq} 缺失（下一条是 #{seq}）")
        if event.prev_hash != self.expected_prev:
            return ChainProblem(seq, f"事件 #{seq} 的前序哈希不符：前一事件被改动或删除")
        key_index = self._signing_key(event)
        if key_index is None:
            return ChainProblem(seq, f"事件 #{seq} 的内容被改动（哈希不符）")
        for line in self.pinned.get(seq, ()):
            if line.checkpoint.hash != event.hash:
                return ChainProblem(
                    seq,
                    f"审计链在 #{self.last_pinned + 1}–#{seq} 之间被改写：#{seq} 的哈希与检查点文件第 "
                    f"{line.number} 行不符",
                )
        if seq in self.pinned:
            self.last_pinned = seq
        self.key_index, self.expected_seq, self.expected_prev = key_index, seq + 1, event.hash
        self.checked += 1
        return None

    def _signing_key(self, event: AuditEvent) -> int | None:
        """Index of the key whose HMAC matches the stored hash, not older than the last one used."""
        for index in range(self.key_index, len(self.keys)):
            if hmac.compare_digest(event.compute_hash(self.keys[index]), event.hash):
                return index
        return None
