"""The visits table partitioned by year on PostgreSQL (lianxin/liaison/partitions.py says how
and why). Photos and matters lose their database-level foreign key to the visit on every
database, since PostgreSQL allows none to a partitioned table; Django still cascades deletes."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

from lianxin.liaison import partitions


def forward(apps, schema_editor):
    partitions.partition(schema_editor, timezone.localdate())


def backward(apps, schema_editor):
    partitions.unpartition(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("liaison", "0005_county_liaison_rollup"),
    ]

    operations = [
        migrations.AlterField(
            model_name="visitphoto",
            name="visit",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="photos",
                to="liaison.visit",
                verbose_name="走访记录",
            ),
        ),
        migrations.AlterField(
            model_name="matter",
            name="visit",
            field=models.OneToOneField(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="matter",
                to="liaison.visit",
                verbose_name="来源走访",
            ),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
