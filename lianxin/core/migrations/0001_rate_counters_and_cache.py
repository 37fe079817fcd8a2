"""Rate-limit counters, and the table of Django's database cache.

The cache table is Django's own (`createcachetable`), named in settings.CACHES; creating it
here means `migrate` (so `make run`, the tests and CI) makes it with everything else. With
Redis configured there is no database cache and nothing to create; switching back from Redis
later needs `manage.py createcachetable` once.
"""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations, models


def _database_cache_tables() -> list[str]:
    return [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ]


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_tables(apps, schema_editor):
    for table in _database_cache_tables():
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                (
                    "bucket",
                    models.CharField(max_length=255, primary_key=True, serialize=False, verbose_name="键与时间窗"),
                ),
                ("hits", models.PositiveIntegerField(default=0, verbose_name="次数")),
                ("window_end", models.BigIntegerField(db_index=True, verbose_name="时间窗结束（Unix 秒）")),
            ],
            options={
                "verbose_name": "频率计数",
                "verbose_name_plural": "频率计数",
            },
        ),
        migrations.RunPython(create_cache_tables, drop_cache_tables),
    ]
