"""The guidance demo lists as weak exactly the branches orgs.demo names, the ones the planning
and rating demos keep out of every star candidacy."""

import pytest

from lianxin.guidance import demo
from lianxin.guidance.choices import WeakStatus
from lianxin.guidance.models import WeakBranch
from lianxin.orgs.demo import WEAK_BRANCHES

pytestmark = pytest.mark.django_db


def test_the_weak_branches_are_the_named_ones():
    demo.load()
    listed = set(WeakBranch.objects.values_list("org__code", flat=True))
    assert listed == set(WEAK_BRANCHES)
    assert WeakBranch.objects.filter(status=WeakStatus.LISTED).count() == len(WEAK_BRANCHES) - 1
