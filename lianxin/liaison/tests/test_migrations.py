"""The move of households, members, links and cadres to `registers` and of cadres' areas,
guidance visits, findings and weak branches to `guidance` (issue 8) keeps every row: a
database filled through the services is migrated back to before the move and forward again,
and every table holds the same rows at each step. `transaction=True`, as migrations cannot run
inside the test's transaction; pytest-django flushes the database afterwards, which also wipes
the session's division data — the module fixture below puts it back for the tests that follow."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from lianxin.conftest import DATA_DIR, SUBSET
from lianxin.guidance.tests.factories import assignment, finding, weak
from lianxin.liaison import services
from lianxin.liaison.demo import generate
from lianxin.liaison.tests import factories as f
from lianxin.orgs.importer import import_divisions
from lianxin.orgs.models import Org
from lianxin.registers import services as registers

BEFORE_THE_MOVE = [("liaison", "0001_initial"), ("registers", None), ("guidance", None)]
# Each moved table: its name before the move, its name after.
MOVED = {
    "liaison_household": "registers_household",
    "liaison_partymember": "registers_partymember",
    "liaison_householdlink": "registers_householdlink",
    "liaison_cadre": "registers_cadre",
    "liaison_areaassignment": "guidance_areaassignment",
    "liaison_guidancevisit": "guidance_guidancevisit",
    "liaison_finding": "guidance_finding",
    "liaison_weakbranch": "guidance_weakbranch",
}
# liaison's own tables, whose foreign keys point at the moved ones.
KEPT = ["liaison_visit", "liaison_matter", "liaison_villageliaison", "liaison_consultation_matters"]


def _ensure_divisions():
    if not Org.objects.filter(code=f.MENGZHOU).exists():
        for prefix in SUBSET:
            import_divisions(DATA_DIR, f.SYSTEM, prefix=prefix)


@pytest.fixture(scope="module", autouse=True)
def restore_divisions(django_db_blocker):
    """Runs after the transactional test's flush: re-import what the session set up."""
    yield
    with django_db_blocker.unblock():
        _ensure_divisions()


def rows(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def narrowed(tables: dict[str, list[dict]], like: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """`tables` with only the columns that `like`'s rows have: migrations after the move add
    columns (registers 0003), which going back before the move drops, and drop one (a matter's
    satisfaction moved to its return visit in liaison 0003, and comes back going back)."""
    kept = {t: set(rs[0]) if rs else set() for t, rs in like.items()}
    return {t: [{k: v for k, v in r.items() if k in kept[t]} for r in rs] for t, rs in tables.items()}


def contents(after_the_move: bool) -> dict[str, list[dict]]:
    """Every moved and kept table's rows, keyed by the table's name before the move."""
    return {old: rows(new if after_the_move else old) for old, new in MOVED.items()} | {t: rows(t) for t in KEPT}


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill() -> None:
    """Some hundreds of rows in every moved table and in liaison's tables that point at them."""
    generate(f.XIGUO, households_per_village=20, members_per_village=3, visits_total=300, seed=3)
    h = f.household(number="X1")
    registers.link_household(f.SYSTEM, f.member(name="迁移党员"), h)
    services.log_visit(f.SYSTEM, h, day=timezone.localdate(), way="door", raised="路灯", make_matter=True)
    cadre = f.cadre()
    finding(cadre_obj=cadre)
    assignment(cadre_obj=cadre)
    weak(cadre_obj=cadre)
    services.create_consultation(
        f.SYSTEM,
        f.org(f.XIGUO_VILLAGE),
        day=timezone.localdate(),
        topic="议题",
        attendees="支委",
        matters=[h.matters.get()],
    )


@pytest.mark.django_db(transaction=True)
def test_migrating_back_before_the_move_and_forward_again_keeps_every_row():
    _ensure_divisions()
    fill()
    now = contents(after_the_move=True)
    visited_back = rows("liaison_returnvisit")
    assert all(now[t] for t in (*MOVED, *KEPT)), {t: len(r) for t, r in now.items()}
    assert len(now["liaison_household"]) > 300
    try:
        migrate(BEFORE_THE_MOVE)
        before = contents(after_the_move=False)
        assert narrowed(before, now) == narrowed(now, before)
        answers = {r["matter_id"]: r["satisfaction"] for r in visited_back}
        assert (
            answers and {r["id"]: r["satisfaction"] for r in before["liaison_matter"] if r["satisfaction"]} == answers
        )
        migrate(latest())
        assert (
            rows("liaison_returnvisit")
            and {r["matter_id"]: r["satisfaction"] for r in rows("liaison_returnvisit")} == answers
        )
        assert contents(after_the_move=True) == now
    finally:
        migrate(latest())
