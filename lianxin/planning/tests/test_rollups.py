"""The battle map's per-county rollups never drift from a recount of the village rows, whatever
sequence of planning service calls came before (hypothesis), and a province page summed from
them shows what counting the villages shows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, XIGUO, make_user, measure_data
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import by_child, check
from lianxin.planning import board
from lianxin.planning import services as planning
from lianxin.planning.models import CountyBoardRollup, Measure, PlanStar
from lianxin.planning.plugin import Action
from lianxin.planning.rollups import BOARD
from lianxin.standards.choices import Star

VILLAGES = [XIGUO + "201", XIGUO + "202", DADING + "002"]
SYSTEM = Actor.system("tests")


def _boai_village():
    return Org.objects.filter(code__gte=BOAI, code__lt="410823", level=5).order_by("code").first().code


operation = st.one_of(
    st.tuples(st.just("target"), st.integers(0, 3), st.sampled_from(Star.values), st.booleans()),
    st.tuples(st.just("measure"), st.integers(0, 3), st.integers(-20, 20)),
    st.tuples(st.just("report"), st.integers(0, 3), st.sampled_from([0, 40, 100])),
    st.tuples(st.just("delete"), st.integers(0, 3)),
)


def _apply(op, villages, item, today):
    """One service call; a refused one (a plan no longer editable, say) changes nothing."""
    try:
        _call(op, villages, item, today)
    except ValidationError:
        pass


def _call(op, villages, item, today):
    plan = planning.CreationPlan.objects.filter(org__code=villages[op[1]], year=today.year).first()
    if plan is None:
        plan = planning.create_plan(SYSTEM, Org.objects.get(code=villages[op[1]]), today.year)
    measure = Measure.objects.filter(plan=plan).order_by("pk").first()
    if op[0] == "target":
        plan_star = PlanStar.objects.get(plan=plan, star=op[2])
        planning.update_plan_star(SYSTEM, plan_star, targeted=op[3], strengths="", weaknesses="", weak_items=[])
    elif op[0] == "measure":
        planning.save_measure(SYSTEM, plan, None, measure_data(item, deadline=today + timedelta(days=op[2])))
    elif op[0] == "report" and measure:
        planning.add_report(SYSTEM, measure, date=today, text="推进", progress=op[2])
    elif op[0] == "delete" and measure:
        planning.delete_measure(SYSTEM, measure)


@pytest.mark.django_db
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_no_drift_after_any_sequence_of_service_calls(plans, ops):
    today = timezone.localdate()
    villages = [*VILLAGES, _boai_village()]
    with transaction.atomic():
        for op in ops:
            _apply(op, villages, plans["item"], today)
        assert check(BOARD, today.year, today) == []
        # A day later, overdue has moved with no write: the stale rows are recounted at read time.
        province = Org.objects.get(code="41")
        tomorrow = today + timedelta(days=1)
        officer = make_user("prov_office", Role.OFFICE, "41")
        rolled = by_child(BOARD, officer, Action.PLANS_VIEW, province, [today.year], tomorrow)
        counted = {r.code: r.counts for r in _counted_rows(officer, province, today.year, tomorrow)}
        for (code, _year), figures in rolled.items():
            for star in Star.values:
                for cell in ("met", "in_progress", "planned", "overdue"):
                    assert figures[f"{star}_{cell}"] == counted[code][star][cell]
        transaction.set_rollback(True)


def _counted_rows(user, org, year, today):
    """The board counted from the village rows (the path for users who see part of `org`)."""
    from unittest import mock

    with mock.patch.object(board, "by_child", return_value=None):
        return board.group_rows(user, org, year, today)


def test_province_board_reads_the_rollups_and_shows_the_same_figures(plans):
    today = timezone.localdate()
    officer = make_user("prov_office", Role.OFFICE, "41")
    province = Org.objects.get(code="41")
    star = plans["item"].key_task.star
    plan_star = PlanStar.objects.get(plan=plans["plan"], star=star)
    planning.update_plan_star(SYSTEM, plan_star, targeted=True, strengths="", weaknesses="", weak_items=[])
    planning.save_measure(SYSTEM, plans["plan"], None, measure_data(plans["item"], deadline=today - timedelta(days=1)))
    assert CountyBoardRollup.objects.filter(county_code="410883").exists()
    rows = board.group_rows(officer, province, today.year, today)
    assert [(r.code, r.villages, r.counts) for r in rows] == [
        (r.code, r.villages, r.counts) for r in _counted_rows(officer, province, today.year, today)
    ]
    jiaozuo = next(r for r in rows if r.code == "4108")
    assert jiaozuo.counts[star]["overdue"] >= 1
    assert jiaozuo.villages == Org.objects.filter(code__gte="4108", code__lt="4109", level=5).count()


def test_a_user_seeing_part_of_the_org_gets_no_rollup(plans, users):
    township = users["township"]
    today = timezone.localdate()
    assert by_child(BOARD, township, Action.PLANS_VIEW, Org.objects.get(code="4108"), [today.year], today) is None


def test_check_rollups_finds_and_repairs_drift(plans):
    today = timezone.localdate()
    CountyBoardRollup.objects.filter(county_code="410883").update(branch_planned=999)
    assert check(BOARD, today.year, today) == ["410883"]
    check(BOARD, today.year, today, repair=True)
    assert check(BOARD, today.year, today) == []
