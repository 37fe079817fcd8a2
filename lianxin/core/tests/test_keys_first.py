"""Large lists fetch a page keys first (core/views/lists.py, KeysFirst): the same rows in the same
order as a plain slice, read through a sliced key subquery (the visit log's use of it is tested in
liaison/tests/test_visit_log.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lianxin.core.views.lists import keys_first
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
