"""The page helper fails where it should: on a page whose queries grow (with the statements
that grew), on a `grow` that adds nothing the page shows, and on a `grows_because` mark that
is no longer true. The page is the org search with its `select_related("parent")` taken away,
so each row asks for its parent."""

import pytest
from django.urls import reverse

from lianxin.accounts.roles import Action
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI
from lianxin.core.views import ScopedListView
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.services import create_unit
from lianxin.orgs.tests.test_pages import add_task_forces
from lianxin.orgs.views import OrgSearchView
from lianxin.testing.pages import Page, check_queries, fresh

pytestmark = pytest.mark.django_db
SEARCH = reverse("orgs:search") + "?q=专班"


def page(**extra) -> Page:
    return Page("search", lambda w: SEARCH, Action.ORGS_VIEW, "office", **{"grow": add_task_forces, **extra})


@pytest.fixture
def one_query_a_row(monkeypatch):
    monkeypatch.setattr(OrgSearchView, "get_queryset", ScopedListView.get_queryset)


def test_growing_queries_fail_with_the_statements_that_grew(users, login, one_query_a_row):
    with pytest.raises(AssertionError) as failure:
        check_queries(page(export=True), SEARCH, {}, login(users["office"]))
    report = str(failure.value)
    assert 'Repeated more:\n  2 → 5×  SELECT … FROM "orgs_org" WHERE "orgs_org"."id" = ?' in report
    assert f"{SEARCH}&export=xlsx: " in report  # the export reads the same rows
    assert "--- 5 rows: " in report and "\n   1. SELECT" in report


def test_grow_must_add_what_the_page_shows(users, login):
    def add_at_boai(world, n):  # the 孟州市 office does not see 博爱县's task forces
        for i in fresh(world, n):
            create_unit(Actor.system("tests"), Org.objects.get(code=BOAI), OrgKind.TASK_FORCE, f"博爱专班{i}")

    with pytest.raises(AssertionError, match="added nothing that"):
        check_queries(page(grow=add_at_boai), SEARCH, {}, login(users["office"]))


def test_a_known_growth_is_an_expected_failure_until_it_is_fixed(users, login, monkeypatch):
    marked = page(grows_because="each row reads its parent")
    monkeypatch.setattr(OrgSearchView, "get_queryset", ScopedListView.get_queryset)
    with pytest.raises(pytest.xfail.Exception, match="each row reads its parent"):
        check_queries(marked, SEARCH, {}, login(users["office"]))
    monkeypatch.undo()
    with pytest.raises(AssertionError, match="no longer grows"):
        check_queries(marked, SEARCH, {"_made": 5}, login(users["office"]))
