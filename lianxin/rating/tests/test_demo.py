"""The rating demo tells the domain's truth: a weak branch under rectification was not rated
highly last year and applies for nothing; every publicity batch is named alike (第一批, 第二批)."""

import random

import pytest

from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.demo import MENGZHOU, WEAK_BRANCHES
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.demo import mengzhou_levels

pytestmark = pytest.mark.django_db


def test_weak_branches_were_not_star_branches():
    villages = list(Org.objects.filter(parent__parent__code=MENGZHOU, kind__in=GRASSROOTS_KINDS))
    for year in (2022, 2023):
        levels = mengzhou_levels(villages, random.Random(f"{MENGZHOU}-{year}"), year)
        assert all(levels.get(code, 0) <= 1 for code in WEAK_BRANCHES)


def test_publicity_batches_are_numbered_alike():
    county = Org.objects.get(code=MENGZHOU)
    assert services.publicity_title(county, 2026, 1) == "孟州市2026年度五星支部评星结果公示（第一批）"
    assert services.publicity_title(county, 2026, 2).endswith("（第二批）")
