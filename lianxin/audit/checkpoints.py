"""Signed checkpoints of the audit chain, kept outside the database.

The keyed chain stops someone without the key from rewriting events, but not from cutting off
the newest ones: a shorter chain is still a valid chain. And whoever holds the key could
rewrite it all. So the event count and the last hash are appended, signed with the audit key,
to a file the database cannot reach (`settings.LIANXIN_AUDIT_CHECKPOINTS`): by `record()` every
`LIANXIN_AUDIT_CHECKPOINT_EVERY` events, once the transaction has committed, and by the
`audit_checkpoint` command from cron. `verify_chain` holds the table against them: a checkpoint
beyond the last event is a cut tail, a different hash is a rewritten chain.

The file is JSON lines, one checkpoint a line, only ever appended to (O_APPEND; on the server
also `chattr +a`). A checkpoint that cannot be written never fails the business request that
triggered it: the error is logged, and `verify_audit` shows how old the last checkpoint is."""

import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lianxin.audit.keys import current_key, key_id, key_ring, mac

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    seq: int  # number of events in the chain, i.e. the seq of the last one
    hash: str  # that event's hash
    at: str  # when the checkpoint was written (ISO 8601)
    key: str  # key_id() of the key that signed it
    sig: str

    def signed_text(self) -> str:
        return json.dumps(["lianxin-audit-checkpoint", self.seq, self.hash, self.at, self.key])

    def signature_is_valid(self) -> bool:
        key = next((k for k in key_ring() if key_id(k) == self.key), None)
        return key is not None and hmac.compare_digest(mac(key, self.signed_text()), self.sig)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file, for messages
    checkpoint: Checkpoint


class CheckpointError(Exception):
    """The checkpoint file cannot be trusted or read; the message says why, in Chinese."""


class ForgedCheckpoint(CheckpointError):
    def __init__(self, line: int):
        super().__init__(f"检查点文件第 {line} 行被伪造或改动（签名不符）")
        self.line = line


def sign(seq: int, last_hash: str) -> Checkpoint:
    key = current_key()
    unsigned = Checkpoint(seq, last_hash, timezone.now().isoformat(timespec="seconds"), key_id(key), "")
    return Checkpoint(**{**asdict(unsigned), "sig": mac(key, unsigned.signed_text())})


def append(checkpoint: Checkpoint) -> None:
    """Append one line and flush it to disk. Raises OSError when the file cannot be written."""
    path = settings.LIANXIN_AUDIT_CHECKPOINTS
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(asdict(checkpoint), separators=(",", ":")) + "\n").encode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        if os.write(fd, data) != len(data):
            raise OSError(f"short write to {path}")
        os.fsync(fd)
    finally:
        os.close(fd)


def _append_quietly(seq: int, last_hash: str) -> None:
    try:
        append(sign(seq, last_hash))
    except OSError:
        logger.exception("audit checkpoint #%s could not be written to %s", seq, settings.LIANXIN_AUDIT_CHECKPOINTS)


def schedule(seq: int, last_hash: str) -> None:
    """Called by record() for each new event: every N events, a checkpoint once the transaction
    commits (a rolled-back event must not be pinned)."""
    if seq % settings.LIANXIN_AUDIT_CHECKPOINT_EVERY == 0:
        transaction.on_commit(partial(_append_quietly, seq, last_hash))


def load() -> list[Line]:
    """Every checkpoint in the file, each with a valid signature (none when there is no file).
    Raises ForgedCheckpoint naming the first line that does not parse or whose signature does
    not match, CheckpointError when the file cannot be read."""
    path = settings.LIANXIN_AUDIT_CHECKPOINTS
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise CheckpointError(f"检查点文件 {path} 无法读取：{exc.strerror}") from exc
    lines = []
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            checkpoint = Checkpoint(**json.loads(raw))
            valid = checkpoint.signature_is_valid()
        except (ValueError, TypeError):  # not JSON, not UTF-8, wrong fields or types
            valid = False
        if not valid:
            raise ForgedCheckpoint(number)
        lines.append(Line(number, checkpoint))
    return lines


def newest(lines: list[Line]) -> Line | None:
    """The checkpoint of the longest chain (lines need not be in order: two writers may race)."""
    return max(lines, key=lambda line: line.checkpoint.seq, default=None)
