"""Dashboards and exports read from the replica when one is configured; every other page, and
every write, stays on the primary (lianxin/core/routers.py). The suite's `replica` alias mirrors
the test database (lianxin/conftest.py), so the queries are real and can be counted per alias."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lianxin.conftest import MENGZHOU

# Transactional: the replica is a connection of its own, which sees only committed rows.
pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
    pytest.mark.usefixtures("divisions_kept"),
]


def _queries(client, url, alias):
    with CaptureQueriesContext(connections[alias]) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_dashboards_and_exports_read_from_the_replica_and_nothing_else(settings, users, plans, login):
    """One test: a transactional test empties the tables after it, and the divisions are put
    back only per module (`divisions_kept`)."""
    client = login(users["office"])
    board = reverse("planning:board", kwargs={"code": MENGZHOU})
    assert _queries(client, board, "replica") == 0  # no replica configured: none

    settings.LIANXIN_READ_REPLICA = True
    for url in (
        board,
        reverse("rating:stats", kwargs={"code": MENGZHOU}),
        reverse("liaison:board", kwargs={"code": MENGZHOU}),
    ):
        assert _queries(client, url, "replica") > 0, url
    assert _queries(client, reverse("planning:plan_list") + "?export=xlsx", "replica") > 0
    # Other pages stay on the primary, and a request after a dashboard is not left marked.
    assert _queries(client, reverse("planning:plan_list"), "replica") == 0
    assert _queries(client, "/", "replica") == 0
