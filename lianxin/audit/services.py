"""Writing and checking the audit chain. Every state change in Lianxin calls `record` inside
the same transaction as the change, so the change and its event commit or vanish together."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from lianxin.audit.models import GENESIS_HASH, AuditEvent, AuditResult
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
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
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
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save()
    return event


@dataclass
class ChainProblem:
    seq: int
    reason: str


def verify_chain(batch_size: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (events checked, first problem or None)."""
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return checked, ChainProblem(expected_seq, f"事件 #{expected_seq} 缺失（下一条是 #{event.seq}）")
        if event.prev_hash != expected_prev:
            return checked, ChainProblem(event.seq, f"事件 #{event.seq} 的前序哈希不符：前一事件被改动或删除")
        if event.compute_hash() != event.hash:
            return checked, ChainProblem(event.seq, f"事件 #{event.seq} 的内容被改动（哈希不符）")
        expected_seq, expected_prev, checked = event.seq + 1, event.hash, checked + 1
    return checked, None
