"""The bell: in-app reminders that any app rings (docs/development.md, "Reminders").

Reminders come from daily jobs (`send_reminders`, `rating_reminders`) that look at the same
overdue things again every day, so ringing is idempotent: each reminder carries a key naming
what it is about (`app.object.reason:id`), unique per person, and ringing a key a person
already has adds nothing. Reminders are personal: they are read only through `of(user)`,
never through org scope, and no page shows one user another's.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from lianxin.core import hotpath
from lianxin.core.models import Notification

BATCH = 500  # reminders per query: well under SQLite's limit on bound parameters


class Reminder(NamedTuple):
    user_id: int
    key: str  # e.g. "planning.measure.overdue:123"
    message: str  # stored as written: reminders are written in Chinese, the source language
    url: str  # the page to open, a path on this site


def ring(reminders: Iterable[Reminder | tuple]) -> int:
    """Create the reminders that are new to their user; return how many were new (if another
    job rings the same keys at the same moment, both may count a reminder only one created)."""
    wanted = {}
    for reminder in map(Reminder._make, reminders):
        _check_local(reminder.url)
        wanted[reminder.user_id, reminder.key] = reminder
    pending = list(wanted.values())
    created = 0
    with transaction.atomic():
        for start in range(0, len(pending), BATCH):
            created += _ring_batch(pending[start : start + BATCH])
    return created


def _ring_batch(reminders: list[Reminder]) -> int:
    have = set(
        Notification.objects.filter(
            user_id__in={r.user_id for r in reminders}, key__in={r.key for r in reminders}
        ).values_list("user_id", "key")
    )
    rows = [
        Notification(user_id=r.user_id, key=r.key, message=r.message[:300], url=r.url)
        for r in reminders
        if (r.user_id, r.key) not in have
    ]
    # Two jobs ringing the same keys at once: the unique constraint keeps one row, without an error.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _check_local(url: str) -> None:
    """Reminders open pages of this site only: a path, never another host or a script."""
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        raise ValueError(f"a reminder's url must be a path on this site, not {url!r}")


def of(user):
    """The user's own reminders, newest first."""
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """The bell's number, on every page: SQL written once (core/hotpath.py), the user's own."""
    return hotpath.scalar(Notification, *unread_query(user))


def unread_query(user) -> tuple[str, list]:
    """`unread_count`'s SQL and parameters, for a caller that reads it with other values."""
    return _UNREAD_SQL, [user.pk]


_UNREAD_SQL = f"SELECT COUNT(*) FROM {Notification._meta.db_table} WHERE user_id = %s AND read_at IS NULL"


def mark_all_read(user) -> int:
    """Mark the user's unread reminders read (nobody else's); return how many."""
    return of(user).filter(read_at__isnull=True).update(read_at=timezone.now())
