"""Counts over the tree are counted for a user: only what that user may see."""

import pytest

from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.orgs.models import Org
from lianxin.orgs.stats import child_summary

pytestmark = pytest.mark.django_db


def test_child_summary_counts_only_what_the_user_may_see(users):
    county = Org.objects.get(code=MENGZHOU)
    assert [r["org"].code for r in child_summary(users["township"], county)] == [XIGUO]
    everything = child_summary(users["office"], county)
    assert len(everything) == county.children.filter(level=county.level + 1).count() > 1
    assert child_summary(users["nobody"], county) == []
