"""The visit log pages by keys (core/views/lists.py, KeysFirst) and counts its rows once: at the
bench's 500k visits a county's newest page sorted every visit with all its columns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lianxin.liaison import services
from lianxin.liaison.tests import factories as f

pytestmark = pytest.mark.django_db


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
