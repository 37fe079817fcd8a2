"""Rankings kept on the scores when a period closes: county and township places (ties share a
place), places gained since the previous period, and the office's refresh of an open period."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from lianxin.assessment import services
from lianxin.assessment.models import Score
from lianxin.assessment.tests import factories as f
from lianxin.audit.services import Actor

pytestmark = pytest.mark.django_db

VILLAGES = {"甲": f.XIGUO + "201", "乙": f.XIGUO + "202", "丙": f.XIGUO + "203", "丁": f.DADING_VILLAGE}


def _month(number: int, points: dict[str, int]):
    period = f.period(number)
    for name, value in points.items():
        subject = f.subject(code=VILLAGES[name], name=name)
        services.save_score(f.SYSTEM, period, subject, f.full_marks(period, subject, Decimal(value)))
    services.close_period(f.SYSTEM, period)
    return {s.subject.name: s for s in Score.objects.filter(period=period).select_related("subject")}


def test_places_in_county_and_township_and_the_movement():
    first = _month(1, {"甲": 10, "乙": 8, "丙": 8, "丁": 9})
    assert [first[n].county_rank for n in "甲乙丙丁"] == [1, 3, 3, 2]
    assert [first[n].township_rank for n in "甲乙丙丁"] == [1, 2, 2, 1]
    assert all(first[n].movement is None for n in "甲乙丙丁")
    second = _month(2, {"甲": 7, "乙": 10, "丙": 8, "丁": 9})
    assert [second[n].county_rank for n in "甲乙丙丁"] == [4, 1, 3, 2]
    assert [second[n].movement for n in "甲乙丙丁"] == [-3, 2, 0, 0]


def test_the_office_refreshes_an_open_period(users):
    period = f.period(3)
    f.score(f.subject(), number=3)
    with pytest.raises(PermissionDenied):
        services.refresh_ranking(Actor(user=users["township"]), period)
    assert services.refresh_ranking(Actor(user=users["office"]), period) == 1
    assert Score.objects.get(period=period).county_rank == 1
