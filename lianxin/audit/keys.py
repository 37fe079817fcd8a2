"""The audit key: the HMAC key that chains audit events and signs checkpoints.

A plain hash chain can be recomputed by anyone who can write the table, so the chain is keyed
with `settings.LIANXIN_AUDIT_KEY`, which lives in the server's environment and never in the
database. It is not `SECRET_KEY`: that one is rotated when sessions must die, this one only when
it may have leaked, and rotating it must not touch sessions (nor the other way round).

Rotation: the new key goes in `LIANXIN_AUDIT_KEY` and the old one moves to
`LIANXIN_AUDIT_RETIRED_KEYS` (oldest first). New events and checkpoints are signed with the new
key; the old events still verify with the key they were signed with (docs/deploy.md)."""

import hashlib
import hmac

from django.conf import settings


def current_key() -> bytes:
    return settings.LIANXIN_AUDIT_KEY.encode("utf-8")


def key_ring() -> list[bytes]:
    """Every key that may have signed something, oldest first; the current key is last."""
    return [key.encode("utf-8") for key in settings.LIANXIN_AUDIT_RETIRED_KEYS] + [current_key()]


def mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A short public name for a key, written beside each checkpoint: it tells which key to check
    the signature with and reveals nothing about the key."""
    return mac(key, "lianxin-audit-key-id")[:12]
