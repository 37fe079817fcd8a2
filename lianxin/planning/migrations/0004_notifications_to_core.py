"""Reminders move to the core's bell (`core.Notification`): each planning reminder becomes one
with the key `planning.measure.<kind>:<measure id>` and the measure's page as its url, keeping
its message, time and read mark; then planning's own table goes. Reversible: reminders with
keys of that form go back (those whose measure is gone are dropped, as the old foreign key
would have cascaded them)."""

import re

from django.db import migrations

BATCH = 1000
KEY = re.compile(r"^planning\.measure\.(due_soon|overdue):(\d+)$")


def chunks(queryset):
    """The rows in primary-key order, BATCH at a time, safe to write to while reading."""
    last = 0
    while batch := list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def to_core(apps, schema_editor):
    Old = apps.get_model("planning", "Notification")
    New = apps.get_model("core", "Notification")
    for batch in chunks(Old.objects.all()):
        New.objects.bulk_create(
            New(
                user_id=n.user_id,
                key=f"planning.measure.{n.kind}:{n.measure_id}",
                message=n.message,
                url=f"/planning/measures/{n.measure_id}/",
                created_at=n.created_at,
                read_at=n.read_at,
            )
            for n in batch
        )


def to_planning(apps, schema_editor):
    Old = apps.get_model("planning", "Notification")
    New = apps.get_model("core", "Notification")
    Measure = apps.get_model("planning", "Measure")
    for batch in chunks(New.objects.filter(key__startswith="planning.measure.")):
        moved = [(n, match) for n in batch if (match := KEY.match(n.key))]
        measures = set(Measure.objects.filter(pk__in={int(m[2]) for _, m in moved}).values_list("pk", flat=True))
        back = [(n, m) for n, m in moved if int(m[2]) in measures]
        rows = Old.objects.bulk_create(
            Old(user_id=n.user_id, kind=m[1], measure_id=int(m[2]), message=n.message, read_at=n.read_at)
            for n, m in back
        )
        # created_at is auto_now_add on the old model: put the original times back afterwards.
        for row, (n, _m) in zip(rows, back, strict=True):
            row.created_at = n.created_at
        Old.objects.bulk_update(rows, ["created_at"])
        New.objects.filter(pk__in=[n.pk for n, _m in moved]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_notification"),
        ("planning", "0003_summary_org_code"),
    ]

    operations = [
        migrations.RunPython(to_core, to_planning),
        migrations.DeleteModel(name="Notification"),
    ]
