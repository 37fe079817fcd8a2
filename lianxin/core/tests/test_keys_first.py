"""Large lists fetch a page keys first (core/views/lists.py, KeysFirst): the same rows in the same
order as a plain slice, read through a sliced key subquery; and a list page counts its rows once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lianxin.core.views.lists import keys_first
from lianxin.liaison import services
from lianxin.liaison.tests import factories as f
from lianxin.orgs.models import Org

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ordering", [("-code",), ("name", "code"), ("-level", "-code")])
def test_a_page_keys_first_is_the_plain_page(ordering):
    plain = Org.objects.select_related("parent").order_by(*ordering)
    paged = keys_first(plain)
    for window in (slice(0, 10), slice(37, 61)):
        with CaptureQueriesContext(connection) as queries:
            rows = list(paged[window])
        assert [o.pk for o in rows] == [o.pk for o in plain[window]] and rows
        assert rows[0].parent_id is None or rows[0].parent.code  # select_related kept: no query
        assert len(queries) == 1 and "IN (SELECT" in queries[0]["sql"].upper().replace('"', "")


def test_the_visit_log_pages_by_keys_and_counts_once(login, users):
    h = f.household(code=f.YINGXIU)
    for n in range(3):
        services.log_visit(f.SYSTEM, h, day=timezone.localdate(), way="door", raised=f"第{n}次")
    client = login(users["village"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("liaison:visit_list") + "?who=all")
    assert response.status_code == 200 and "第2次" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries if "liaison_visit" in q["sql"]]
    assert sum("COUNT(" in s for s in sql) == 1, sql
    page = [s for s in sql if s.startswith('SELECT "liaison_visit"."id"')]
    assert len(page) == 1 and " IN (SELECT " in page[0]
