"""Planning's reminders move to the core's bell and back (migration 0004), row for row.

Transactional: SQLite cannot change its schema inside the test's transaction. pytest-django
empties the database afterwards; `divisions_kept` puts the session's division data back."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("divisions_kept")]

BEFORE = [("planning", "0003_summary_org_code"), ("core", "0002_notification")]
AFTER = [("planning", "0004_notifications_to_core")]


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


WHEN = timezone.make_aware(datetime(2024, 3, 1, 9, 30, 15, 123456))


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def as_core_rows(apps):
    Notification = apps.get_model("core", "Notification")
    return sorted(Notification.objects.values_list("user_id", "key", "message", "url", "created_at", "read_at"))


def as_planning_rows(apps):
    Notification = apps.get_model("planning", "Notification")
    return sorted(
        (n.user_id, f"planning.measure.{n.kind}:{n.measure_id}", n.message, f"/planning/measures/{n.measure_id}/",
         n.created_at, n.read_at)
        for n in Notification.objects.all()
    )  # fmt: skip


def test_reminders_move_to_the_core_and_back(users, plans):
    measure, other = plans["measure"], plans["other_measure"]
    try:
        old = migrate(BEFORE)
        Notification = old.get_model("planning", "Notification")
        for user, m, kind, read_at in (
            (users["township"], measure, "overdue", WHEN + timedelta(days=1)),
            (users["township"], measure, "due_soon", None),
            (users["neighbour"], other, "overdue", None),
        ):
            Notification.objects.create(
                user_id=user.pk, measure_id=m.pk, kind=kind, message=f"{kind}:{m.pk}", read_at=read_at
            )
        Notification.objects.update(created_at=WHEN)
        before = as_planning_rows(old)
        assert len(before) == 3

        new = migrate(AFTER)
        assert as_core_rows(new) == before
        new.get_model("core", "Notification").objects.create(
            user_id=users["office"].pk, key="rating.step.overdue:1", message="评星", url="/rating/1/"
        )

        old = migrate(BEFORE)
        assert as_planning_rows(old) == before
        assert list(old.get_model("core", "Notification").objects.values_list("key", flat=True)) == [
            "rating.step.overdue:1"
        ]
    finally:
        migrate(latest())  # every later migration too: the tests after this one need their tables
