"""The live board's per-county rollups never drift from a recount of the village rows, whatever
sequence of liaison and registers service calls came before (hypothesis); a city board summed
from them shows what counting the villages shows; the nightly recount writes only what changed."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianxin.accounts.roles import Role
from lianxin.conftest import make_user
from lianxin.liaison import board, services
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import CountyLiaisonRollup, Matter
from lianxin.liaison.plugin import Action
from lianxin.liaison.rollups import LIAISON, STANDING
from lianxin.liaison.tests import factories as f
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import by_child, check, refresh_all


def _boai_village() -> str:
    return Org.objects.filter(code__gte=f.BOAI, code__lt="410823", level=5).order_by("code").first().code


def _open(code):
    return Matter.objects.filter(org__code=code, status=MatterStatus.OPEN).order_by("pk").first()


def _call(op, villages, serial):
    code = villages[op[1]]
    today = timezone.localdate()
    if op[0] == "visit":
        h = f.household(code=code, number=f"H{serial}")
        f.visit(h, raised="路灯不亮" if op[2] else "", make_matter=op[2], day=today - timedelta(days=op[3]))
    elif op[0] == "report":
        f.matter(code)
    elif op[0] == "escalate" and _open(code):
        services.escalate_matter(f.SYSTEM, _open(code), note="村里解决不了")
    elif op[0] == "close" and _open(code):
        closed = services.close_matter(f.SYSTEM, _open(code), resolution="已办")
        if op[2]:
            services.record_return_visit(f.SYSTEM, closed, day=today, way="phone", satisfaction="basic")
    elif op[0] == "consult":
        f.consultation(code)
    elif op[0] == "member":
        f.member(code=code, name=f"党员{serial}")


operation = st.one_of(
    st.tuples(st.just("visit"), st.integers(0, 2), st.booleans(), st.integers(0, 40)),
    st.tuples(st.sampled_from(["report", "escalate", "consult", "member"]), st.integers(0, 2)),
    st.tuples(st.just("close"), st.integers(0, 2), st.booleans()),
)


def _counted(user, org, today):
    """The board counted from the village rows (the path for users who see part of `org`)."""
    with mock.patch.object(board, "by_child", return_value=None):
        return board.board(user, org, today)


def _figures(rows):
    return [(r.code, {name: getattr(r, name) for name in board.FIGURES}) for r in rows]


@pytest.mark.django_db
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=10))
def test_no_drift_after_any_sequence_of_service_calls(users, ops):
    today = timezone.localdate()
    villages = [f.XIGUO_VILLAGE, f.DADING_VILLAGE, _boai_village()]
    with transaction.atomic():
        for serial, op in enumerate(ops):
            try:
                _call(op, villages, serial)
            except ValidationError:
                pass
        assert check(LIAISON, STANDING, today) == []
        # Days later, the windows and deadlines have moved with no write: the stale rows are
        # recounted at read time and show what counting the villages shows.
        officer = make_user("city_office", Role.OFFICE, "4108")
        city = Org.objects.get(code="4108")
        later = today + timedelta(days=8)
        assert by_child(LIAISON, officer, Action.LIAISON_VIEW, city, [STANDING], later) is not None
        assert _figures(board.board(officer, city, later)[0]) == _figures(_counted(officer, city, later)[0])
        transaction.set_rollback(True)


def test_city_board_reads_the_rollups_and_shows_the_same_figures(users):
    h = f.household()
    f.member()
    f.visit(h, raised="路灯不亮", make_matter=True)
    f.consultation()
    services.close_matter(f.SYSTEM, f.matter(f.DADING_VILLAGE), resolution="已修")
    officer = make_user("city_office", Role.OFFICE, "4108")
    city, today = Org.objects.get(code="4108"), timezone.localdate()
    with CaptureQueriesContext(connection) as read:
        rows, total = board.board(officer, city, today)
    assert not any("liaison_villageliaison" in q["sql"] for q in read.captured_queries)
    assert _figures(rows) == _figures(_counted(officer, city, today)[0])
    mengzhou = next(r for r in rows if r.code == f.MENGZHOU)
    assert (mengzhou.households, mengzhou.visits_7, mengzhou.open, mengzhou.closed) == (1, 1, 1, 1)
    assert mengzhou.consultations == 1
    assert mengzhou.villages == Org.objects.filter(code__gte=f.MENGZHOU, code__lt="410884", level=5).count()


def test_a_user_seeing_part_of_the_city_gets_no_rollup(users):
    f.visit()
    today = timezone.localdate()
    assert by_child(LIAISON, users["township"], Action.LIAISON_VIEW, Org.objects.get(code="4108"), [0], today) is None


def test_registers_changes_reach_the_rollup(users):
    f.household(number="R1")
    f.member(name="王党员")
    row = CountyLiaisonRollup.objects.get(county_code=f.MENGZHOU, year=STANDING)
    assert (row.households, row.members) == (1, 1)


def test_a_second_nightly_recount_writes_nothing(users):
    f.visit(raised="路灯不亮", make_matter=True)
    f.matter(_boai_village())
    tomorrow = timezone.localdate() + timedelta(days=1)
    refresh_all(LIAISON, tomorrow)
    assert set(CountyLiaisonRollup.objects.values_list("as_of", flat=True)) == {tomorrow}
    with CaptureQueriesContext(connection) as second:
        refresh_all(LIAISON, tomorrow)
    writes = [q["sql"] for q in second.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == []


def test_a_visit_adds_itself_to_a_row_counted_today_and_recounts_an_older_one(users):
    h = f.household()
    today = timezone.localdate()
    with mock.patch("lianxin.orgs.rollups.refresh") as recount:
        f.visit(h)
        f.visit(h, day=today - timedelta(days=10))
    assert recount.call_count == 0
    row = CountyLiaisonRollup.objects.get(county_code=f.MENGZHOU, year=STANDING)
    assert (row.visits_7, row.visits_30) == (1, 2)
    CountyLiaisonRollup.objects.filter(pk=row.pk).update(as_of=today - timedelta(days=1))
    f.visit(h)
    row.refresh_from_db()
    assert (row.as_of, row.visits_7, row.visits_30) == (today, 2, 3)
    assert check(LIAISON, STANDING, today) == []
