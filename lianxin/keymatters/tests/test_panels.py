"""The key-matters panel on a village's battle map (issue 12): the township's open matters that
name the village, to whom it shows, the link to the same rows, and its cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lianxin.keymatters import services
from lianxin.keymatters.tests import factories as f
from lianxin.orgs.choices import OrgKind

pytestmark = pytest.mark.django_db
TITLE = "乡镇（街道）涉及本村的在办重点事项"


def board(code: str) -> str:
    return reverse("planning:board", args=[code])


def panel(body: str) -> str:
    start = body.index(TITLE)
    return body[start : body.index("</section>", start)]


def test_a_township_sees_its_open_matters_that_name_the_village(login, users):
    f.matter(f.XIGUO, "村道修缮", villages=[f.XIGUO_VILLAGE])
    f.matter(f.XIGUO, "超期的事项", on=timezone.localdate() - timedelta(days=60), villages=[f.XIGUO_VILLAGE])
    f.matter(f.XIGUO, "别村的事项", villages=[f.XIGUO + "202"])
    done = f.matter(f.XIGUO, "办结的事项", villages=[f.XIGUO_VILLAGE])
    services.complete_matter(f.SYSTEM, done, "已完成")
    f.matter(f.unit(OrgKind.TASK_FORCE), "专班的事项", villages=[f.XIGUO_VILLAGE])

    shown = panel(login(users["township"]).get(board(f.XIGUO_VILLAGE)).content.decode())

    assert "村道修缮" in shown and "超期的事项" in shown and "已超期" in shown and "张书记" in shown
    for absent in ("别村的事项", "办结的事项", "专班的事项"):
        assert absent not in shown, absent
    link = shown.split('btn-outline-secondary" href="')[1].split('"')[0].replace("&amp;", "&")
    listed = login(users["township"]).get(link).content.decode()
    assert "村道修缮" in listed and "别村的事项" not in listed and "办结的事项" not in listed


def test_an_empty_state_and_no_panel_for_the_village_itself(login, users):
    body = login(users["neighbour"]).get(board(f.YINGXIU)).content.decode()
    assert "没有涉及本村的在办事项" in panel(body)
    # The village's people may not read the township's list: no panel, not an empty one.
    assert TITLE not in login(users["village"]).get(board(f.YINGXIU)).content.decode()


def test_the_panel_costs_the_same_with_one_or_five_matters(login, users):
    client = login(users["township"])
    f.matter(f.XIGUO, "事项0", villages=[f.XIGUO_VILLAGE])
    client.get(board(f.XIGUO_VILLAGE))
    counts = []
    for more in (0, 4):
        f.matters(f.XIGUO, more, villages=[f.XIGUO_VILLAGE])
        with CaptureQueriesContext(connection) as queries:
            body = client.get(board(f.XIGUO_VILLAGE)).content.decode()
        counts.append(len(queries))
    assert panel(body).count("张书记") == 5
    assert counts[0] == counts[1], counts
