"""党群连心's computed indicators for the star standards: the board's coverage and satisfaction
for each village, visits per household in the year, matters closed within their time limit;
a fixed number of queries whatever the number of villages."""

import pytest
from django.utils import timezone

from lianxin.liaison import indicators, services
from lianxin.liaison.tests import factories as f
from lianxin.registers import services as registers

pytestmark = pytest.mark.django_db
CODES = [f.XIGUO_VILLAGE, f.DADING_VILLAGE]


def test_coverage_and_visits_per_household(django_assert_max_num_queries):
    year = timezone.localdate().year
    a, b = f.household(number="a"), f.household(number="b")
    registers.link_household(f.SYSTEM, f.member(), a)
    f.visit(a)
    f.visit(a)
    f.visit(b)
    with django_assert_max_num_queries(1):
        assert indicators.link_coverage(CODES, year) == {f.XIGUO_VILLAGE: 50.0, f.DADING_VILLAGE: None}
    with django_assert_max_num_queries(2):
        assert indicators.visits_per_household(CODES, year)[f.XIGUO_VILLAGE] == 1.5
    assert indicators.visits_per_household(CODES, year - 1)[f.XIGUO_VILLAGE] == 0.0


def test_matters_closed_in_time_and_satisfaction():
    year = timezone.localdate().year
    f.household()
    for title in ("路灯不亮", "道路坑洼"):
        closed = services.close_matter(f.SYSTEM, f.matter(title=title), resolution="已修")
        # Satisfaction is the resident's, asked in the township's return visit.
        services.record_return_visit(f.SYSTEM, closed, day=timezone.localdate(), way="phone", satisfaction="satisfied")
    assert indicators.matters_closed_in_time(CODES, year) == {f.XIGUO_VILLAGE: 100.0, f.DADING_VILLAGE: None}
    assert indicators.satisfaction(CODES, year)[f.XIGUO_VILLAGE] == 100.0
