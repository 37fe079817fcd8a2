"""Re-key the audit chain from plain SHA-256 to HMAC-SHA256 with LIANXIN_AUDIT_KEY (security.md 11).

The old chain had no secret, so recomputing it loses nothing; it is recomputed with the key of
the server that runs `migrate`, which must therefore be the production key. Only the intact
start of the old chain is re-keyed: from the first event that does not verify under the old
scheme on, rows are left as they are, so `verify_audit` still names that event — a migration
must not launder a broken chain. Backwards re-keys to plain SHA-256 the same way."""

import hashlib
import sys

from django.db import migrations

from lianxin.audit.keys import current_key, mac
from lianxin.audit.models import GENESIS_HASH, canonical

BATCH = 1000


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hmac_sha256(text: str) -> str:
    return mac(current_key(), text)


def rechain(apps, connection, old_digest, new_digest):
    Event = apps.get_model("audit", "AuditEvent")
    old_prev = new_prev = GENESIS_HASH
    expected = 1
    while True:
        changed = []
        for event in Event.objects.filter(seq__gte=expected).order_by("seq")[:BATCH]:
            if event.seq != expected or event.prev_hash != old_prev or old_digest(canonical(event)) != event.hash:
                save(connection, Event, changed)
                sys.stderr.write(f"审计链在 #{expected} 处已不完整：只重算了 #1–#{expected - 1}，其余保持原样。\n")
                return
            old_prev = event.hash
            event.prev_hash = new_prev
            event.hash = new_prev = new_digest(canonical(event))
            changed.append(event)
            expected += 1
        if not changed:
            return
        save(connection, Event, changed)


def save(connection, Event, events):
    """One UPDATE per row: bulk_update's CASE over a thousand ids is quadratic on SQLite."""
    table, pk = (connection.ops.quote_name(name) for name in (Event._meta.db_table, Event._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE {pk} = %s", [(e.prev_hash, e.hash, e.pk) for e in events]
        )


def forwards(apps, schema_editor):
    rechain(apps, schema_editor.connection, sha256, hmac_sha256)


def backwards(apps, schema_editor):
    rechain(apps, schema_editor.connection, hmac_sha256, sha256)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
