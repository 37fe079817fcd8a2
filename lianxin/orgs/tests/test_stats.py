"""Counts over the tree are counted for a user; and the tree's two shared rules: an ancestor's
code is a prefix of the right length, and counts per child unit are one grouped query, equal
to counting each child by hand."""

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, XIGUO, YINGXIU
from lianxin.orgs import services
from lianxin.orgs.choices import GRASSROOTS_KINDS, UNIT_KINDS, OrgKind, OrgLevel, ancestor_code
from lianxin.orgs.models import Org
from lianxin.orgs.stats import child_summary, counts_by_child

pytestmark = pytest.mark.django_db


def test_ancestor_code_of_a_village_at_each_level():
    village = Org.objects.get(code=YINGXIU)
    assert [village.ancestor_code(level) for level in OrgLevel] == ["41", "4108", MENGZHOU, DADING, YINGXIU]
    assert ancestor_code(YINGXIU, OrgLevel.TOWNSHIP) == DADING


def test_a_unit_answers_for_its_jurisdiction_and_nothing_below_it():
    unit = services.create_unit(Actor.system("tests"), Org.objects.get(code=MENGZHOU), OrgKind.TASK_FORCE, "专班")
    assert unit.ancestor_code(OrgLevel.COUNTY) == MENGZHOU and unit.ancestor_code(OrgLevel.CITY) == "4108"
    with pytest.raises(ValueError):
        unit.ancestor_code(OrgLevel.TOWNSHIP)
    with pytest.raises(ValueError):
        ancestor_code("4108", OrgLevel.COUNTY)


@pytest.mark.parametrize("code", ["41", MENGZHOU, XIGUO])
def test_counts_by_child_equal_counting_each_child_by_hand(code):
    org = Org.objects.get(code=code)
    rows = Org.objects.filter(kind__in=GRASSROOTS_KINDS)
    with CaptureQueriesContext(connection) as queries:
        found = counts_by_child(org, rows, villages=Count("pk", filter=Q(kind=OrgKind.VILLAGE)), all=Count("pk"))
    assert len(queries) == 1
    expected = {}
    for child in Org.objects.filter(parent=org).exclude(kind__in=UNIT_KINDS):
        under = rows.filter(code__startswith=child.code)
        if under.exists():
            expected[child.code] = {"villages": under.filter(kind=OrgKind.VILLAGE).count(), "all": under.count()}
    assert found == expected


def test_counts_by_child_per_further_field():
    org = Org.objects.get(code=MENGZHOU)
    found = counts_by_child(org, Org.objects.filter(kind__in=GRASSROOTS_KINDS), per=("kind",), n=Count("pk"))
    xiguo = Org.objects.filter(parent__code=XIGUO)
    assert found[(XIGUO, OrgKind.VILLAGE)] == {"n": xiguo.filter(kind=OrgKind.VILLAGE).count()}
    assert sum(v["n"] for (child, _kind), v in found.items() if child == XIGUO) == xiguo.count()


def test_child_summary_counts_only_what_the_user_may_see(users):
    county = Org.objects.get(code=MENGZHOU)
    assert [r["org"].code for r in child_summary(users["township"], county)] == [XIGUO]
    everything = child_summary(users["office"], county)
    assert len(everything) == county.children.filter(level=county.level + 1).count() > 1
    assert child_summary(users["nobody"], county) == []
