"""The visits table partitioned by year on PostgreSQL (lianxin/liaison/partitions.py): visits land
in their year's partition, the offline queue's resend still meets the original, deletes still
cascade to photos and release matters, the migration goes back to one table and forward again
keeping every row, and the daily command makes next year's partition. On SQLite the table stays
one table and the command says so."""

import uuid
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.liaison import partitions, services
from lianxin.liaison.models import Matter, Visit, VisitPhoto
from lianxin.liaison.tests import factories as f
from lianxin.liaison.tests.test_migrations import _ensure_divisions, latest, migrate, rows

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's")


def partition_of(visit: Visit) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text FROM {partitions.TABLE} WHERE id = %s", [visit.pk])
        return cursor.fetchone()[0]


@postgresql
@pytest.mark.django_db
def test_a_visit_lands_in_its_years_partition_and_a_resend_meets_the_original(users):
    assert partitions.is_partitioned(connection)
    h, key = f.household(code=f.YINGXIU), uuid.uuid4()
    actor, today = Actor(user=users["member"]), timezone.localdate()
    visit = services.log_visit(actor, h, day=today, way="door", client_id=key, photo=f.photo())
    assert partition_of(visit) == partitions.partition_name(today.year)
    again = services.log_visit(actor, h, day=today, way="phone", client_id=key)
    assert again.pk == visit.pk and Visit.objects.filter(household=h).count() == 1


@postgresql
@pytest.mark.django_db
def test_deleting_a_visit_still_removes_its_photos_and_frees_its_matter(users):
    h = f.household(code=f.YINGXIU)
    visit = services.log_visit(
        Actor(user=users["member"]),
        h,
        day=timezone.localdate(),
        way="door",
        raised="路灯",
        make_matter=True,
        photo=f.photo(),
    )
    matter = visit.matter
    assert VisitPhoto.objects.filter(visit=visit).count() == 1
    visit.delete()
    assert not VisitPhoto.objects.filter(visit_id=visit.pk).exists()
    assert Matter.objects.get(pk=matter.pk).visit_id is None


@postgresql
@pytest.mark.django_db
def test_the_daily_command_makes_next_years_partition():
    year = timezone.localdate().year + 1
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {partitions.partition_name(year)}")
    call_command("visit_partitions")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [partitions.partition_name(year)])
        assert cursor.fetchone()[0] == partitions.partition_name(year)


@postgresql
@pytest.mark.django_db
def test_the_command_refuses_a_year_whose_rows_sit_in_the_default_partition(users):
    year = timezone.localdate().year + 1
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {partitions.partition_name(year)}")
    h = f.household(code=f.YINGXIU)
    visit = services.log_visit(Actor(user=users["member"]), h, day=timezone.localdate(), way="door")
    Visit.objects.filter(pk=visit.pk).update(date=date(year, 3, 1))  # as a clock set wrong would
    assert partition_of(visit) == partitions.DEFAULT
    with pytest.raises(CommandError, match="默认分区"):
        call_command("visit_partitions")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps one table")
@pytest.mark.django_db
def test_on_sqlite_the_command_has_nothing_to_do(capsys):
    call_command("visit_partitions")
    assert "未分区" in capsys.readouterr().out


@postgresql
@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_to_one_table_and_forward_keeping_every_row():
    _ensure_divisions()
    h = f.household(code=f.YINGXIU)
    for day in (date(2019, 5, 1), timezone.localdate()):
        services.log_visit(f.SYSTEM, h, day=day, way="door", raised="路灯", make_matter=True, photo=f.photo())
    before = rows(partitions.TABLE)
    try:
        migrate([("liaison", "0005_county_liaison_rollup")])
        assert not partitions.is_partitioned(connection) and rows(partitions.TABLE) == before
        migrate(latest())
        assert partitions.is_partitioned(connection) and rows(partitions.TABLE) == before
        # New visits take ids after the copied ones.
        later = services.log_visit(f.SYSTEM, h, day=timezone.localdate(), way="phone")
        assert later.pk > max(r["id"] for r in before)
    finally:
        migrate(latest())
