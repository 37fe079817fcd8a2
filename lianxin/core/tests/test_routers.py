"""Dashboards and exports read from the replica when one is configured; every other page, and
every write, stays on the primary (lianxin/core/routers.py).

The suite has one database, so the router's answers are recorded during real requests while
the reads still go to it: a second (mirror) connection to SQLite's in-memory test database
does not see the test's rows and broke other tests' setup."""

import pytest
from django.urls import reverse

from lianxin.conftest import MENGZHOU
from lianxin.core import routers

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(monkeypatch):
    """Every read's routing decision, while the reads still go to the one test database."""
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    seen = []
    decide = routers.ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append(decide(self, model, **hints))
        return None

    monkeypatch.setattr(routers.ReplicaRouter, "db_for_read", spy)
    return seen


def _routed(client, url, seen) -> set:
    seen.clear()
    assert client.get(url).status_code == 200
    return set(seen)


def test_dashboards_and_exports_read_from_the_replica(decisions, users, plans, login):
    client = login(users["office"])
    for url in (
        reverse("planning:board", kwargs={"code": MENGZHOU}),
        reverse("rating:stats", kwargs={"code": MENGZHOU}),
        reverse("liaison:board", kwargs={"code": MENGZHOU}),
        reverse("planning:plan_list") + "?export=xlsx",
    ):
        assert routers.REPLICA in _routed(client, url, decisions), url


def test_other_pages_and_the_next_request_stay_on_the_primary(decisions, users, plans, login):
    client = login(users["office"])
    assert routers.REPLICA not in _routed(client, reverse("planning:plan_list"), decisions)
    _routed(client, reverse("planning:board", kwargs={"code": MENGZHOU}), decisions)
    assert routers.REPLICA not in _routed(client, "/", decisions)  # not left marked by the board


def test_without_a_replica_nothing_is_routed_there(users, plans, login, monkeypatch):
    seen = []
    decide = routers.ReplicaRouter.db_for_read
    monkeypatch.setattr(routers.ReplicaRouter, "db_for_read", lambda self, m, **h: seen.append(decide(self, m, **h)))
    client = login(users["office"])
    assert client.get(reverse("planning:board", kwargs={"code": MENGZHOU})).status_code == 200
    assert seen and routers.REPLICA not in seen
