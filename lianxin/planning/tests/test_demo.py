"""The planning demo never makes a weak branch under rectification a star candidate: the
branches guidance's demo lists as weak (orgs.demo.WEAK_BRANCHES) get no target this year."""

import random

import pytest

from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.demo import MENGZHOU, WEAK_BRANCHES
from lianxin.orgs.models import Org
from lianxin.planning.demo import _target_levels

pytestmark = pytest.mark.django_db


def test_weak_branches_get_no_star_target():
    villages = list(Org.objects.filter(parent__parent__code=MENGZHOU, kind__in=GRASSROOTS_KINDS))
    levels = _target_levels(villages, random.Random(1))
    assert all(levels[code] == 0 for code in WEAK_BRANCHES)
    assert sum(1 for level in levels.values() if level == 5) == 11  # every township keeps its candidate
