"""Org pages and API: what a township or county user sees, and fixed query budgets."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from lianxin.audit.models import AuditEvent
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO
from lianxin.core.plugins import plugins
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db


def grassroots_of(code):
    return Org.objects.filter(code__startswith=code, kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY])


def test_township_home_shows_exactly_its_villages(login, users):
    body = login(users["township"]).get("/").content.decode()
    assert "西虢镇" in body
    for village in grassroots_of(XIGUO):
        assert village.short_name in body
    assert not any(
        v.short_name in body
        for v in grassroots_of(DADING)
        if v.short_name not in set(grassroots_of(XIGUO).values_list("short_name", flat=True))
    )


def test_county_home_counts_townships_villages_communities(login, users):
    response = login(users["office"]).get("/")
    rows = {r["org"].code: r for r in response.context["rows"]}
    assert len(rows) == 11
    xiguo = rows[XIGUO]
    assert xiguo["villages"] == grassroots_of(XIGUO).filter(kind=OrgKind.VILLAGE).count()
    assert xiguo["communities"] == grassroots_of(XIGUO).filter(kind=OrgKind.COMMUNITY).count()
    assert response.context["totals"]["villages"] + response.context["totals"]["communities"] == 289
    assert 'id="chart-data"' in response.content.decode()


def test_tree_drills_with_breadcrumbs(login, users):
    client = login(users["office"])
    assert client.get("/orgs/")["Location"] == f"/orgs/{MENGZHOU}/"
    village = grassroots_of(XIGUO).first()
    body = client.get(f"/orgs/{village.code}/").content.decode()
    assert f'href="/orgs/{XIGUO}/"' in body and f'href="/orgs/{MENGZHOU}/"' in body
    assert "焦作市" in body and 'href="/orgs/4108/"' not in body  # above scope: shown, not linked


@pytest.mark.parametrize(
    ("query", "expected"), [("gwm", "关王庙村"), ("关王庙", "关王庙村"), ("410823107223", "关王庙村")]
)
def test_search_by_name_pinyin_or_code(login, db, query, expected):
    from lianxin.conftest import make_user

    user = make_user("wuzhi", "office", "410823107")
    body = login(user).get(reverse("orgs:search") + f"?q={query}").content.decode()
    assert expected in body


def test_search_stays_in_scope(login, users):
    body = login(users["township"]).get(reverse("orgs:search") + "?q=yx").content.decode()
    assert "迎秀社区" not in body  # 迎秀 is in 大定街道, not 西虢镇


def test_search_empty_state(login, users):
    body = login(users["township"]).get(reverse("orgs:search") + "?q=zzzzzz").content.decode()
    assert "没有符合条件的记录" in body


def test_children_export(login, users):
    response = login(users["office"]).get(f"/orgs/{MENGZHOU}/?export=xlsx")
    rows = table_rows(response.content)
    assert rows[0] == ("代码", "名称", "类型", "下级单位数", "村数", "社区数")
    assert len(rows) == 12 and sum(r[4] + r[5] for r in rows[1:]) == 289


QUERY_BUDGET = 13  # session, user, second factor (device), roles, scope org, children, one GROUP BY, breadcrumbs, units
# The home page is also the workbench: about one query per app with cards, and three more for
# planning's declarations and rule and rating's quotas; each role's workbench is measured on its
# own in the apps' test_workbench.py. An app whose cards cost more than its share shows here.
WORKBENCH_BUDGET = sum(1 for p in plugins().values() if p.workbench) + 3


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("mengzhou_url", "boai_url"),
    [("/", "/"), (f"/orgs/{MENGZHOU}/", f"/orgs/{BOAI}/"), (reverse("orgs:search") + "?q=c",) * 2],
)
def test_query_count_does_not_grow_with_data(login, users, mengzhou_url, boai_url):
    """孟州市 (289 villages) and 博爱县 (a different size) cost the same fixed number of queries."""
    mengzhou = count_queries(login(users["office"]), mengzhou_url)
    boai = count_queries(login(users["office_boai"]), boai_url)
    assert mengzhou == boai <= QUERY_BUDGET + (WORKBENCH_BUDGET if mengzhou_url == "/" else 0)


def test_township_pages_stay_within_the_budget(login, users):
    client = login(users["township"])
    assert count_queries(client, "/") <= QUERY_BUDGET + WORKBENCH_BUDGET
    assert count_queries(client, f"/orgs/{XIGUO}/") <= QUERY_BUDGET


def test_office_creates_a_task_force_which_is_audited(login, users):
    response = login(users["office"]).post(
        f"/orgs/{MENGZHOU}/units/new/", {"kind": "taskforce", "name": "产业兴旺星工作专班"}
    )
    assert response.status_code == 302
    unit = Org.objects.get(name="产业兴旺星工作专班")
    assert unit.code == f"{MENGZHOU}ZB01" and unit.parent.code == MENGZHOU
    assert AuditEvent.objects.filter(action="orgs.unit.create", object_id=str(unit.pk)).exists()
    # A task-force user's scope is the county it serves.
    from lianxin.conftest import make_user

    member = make_user("tf", "taskforce", unit.code)
    assert member.scope_prefixes("orgs.view") == [MENGZHOU]


def test_unit_form_errors_in_chinese(login, users):
    response = login(users["office"]).post(f"/orgs/{MENGZHOU}/units/new/", {"kind": "bogus", "name": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "这个字段是必填项" in body or "该字段是必填项" in body
    response = login(users["office"]).post(f"/orgs/{XIGUO}/units/new/", {"kind": "taskforce", "name": "镇专班"})
    assert "只能设在县级及以上" in response.content.decode()


class TestApi:
    def test_list_children_search_and_detail(self, login, users):
        client = login(users["township"])
        listing = client.get(f"/api/v1/orgs/?parent={XIGUO}").json()
        assert listing["count"] == grassroots_of(XIGUO).count()
        assert {r["parent"] for r in listing["results"]} == {XIGUO}
        assert client.get(f"/api/v1/orgs/?parent={DADING}").json()["count"] == 0
        village = grassroots_of(XIGUO).first()
        assert client.get(f"/api/v1/orgs/?search={village.initials}").json()["count"] >= 1
        assert client.get(f"/api/v1/orgs/{village.code}/").json()["short_name"] == village.short_name
        assert client.get(f"/api/v1/orgs/{DADING}001/").status_code == 404

    def test_token_auth_and_anonymous(self, client, users):
        call_command("drf_create_token", "township")
        token = Token.objects.get(user=users["township"]).key
        assert AuditEvent.objects.filter(action="accounts.token.create", object_id=str(users["township"].pk)).exists()
        response = client.get("/api/v1/orgs/", HTTP_AUTHORIZATION=f"Token {token}")
        assert (
            response.status_code == 200
            and response.json()["count"] == Org.objects.filter(code__startswith=XIGUO).count()
        )
        assert client.get("/api/v1/orgs/").status_code == 401

    def test_writes_are_not_offered(self, login, users):
        client = login(users["office"])
        assert client.post("/api/v1/orgs/", {"code": "410883999", "name": "x"}).status_code == 405
        assert client.delete(f"/api/v1/orgs/{XIGUO}/").status_code == 405

    def test_schema_and_docs(self, login, users):
        client = login(users["township"])
        schema = client.get("/api/schema/")
        assert schema.status_code == 200 and b"/api/v1/orgs/" in schema.content
        docs = client.get("/api/docs/").content.decode()
        assets = re.findall(r'(?:src|href)="([^"]+)"', docs)
        assert assets and all(a.startswith("/") for a in assets), assets  # vendored, no CDN
