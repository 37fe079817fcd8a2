"""Civic workbench cards: overdue disputes and last month's missing three-zero reports, in a
fixed number of queries."""

from datetime import timedelta

import pytest

from lianxin.civic import services, workbench
from lianxin.core.changes import today
from lianxin.registers.tests.factories import SYSTEM, XIGUO_VILLAGE, org

pytestmark = pytest.mark.django_db


def test_overdue_disputes_and_missing_reports(users, django_assert_num_queries):
    services.take_in(
        SYSTEM,
        org(XIGUO_VILLAGE),
        kind="other",
        description="x",
        mediator="王",
        parties="甲",
        received_on=today() - timedelta(days=40),
    )
    workbench.cards(users["township"], today())
    with django_assert_num_queries(2):
        overdue, missing = workbench.cards(users["township"], today())
    assert overdue.count == 1 and overdue.tone == "danger"
    assert missing.count >= 1
    assert workbench.cards(users["member"], today()) == []
