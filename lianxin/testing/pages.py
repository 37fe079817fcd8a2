"""Pin each page's contract in its own app's tests, the way NetBox's `ViewTestCases` do: a test
class subclasses `PageTests`, lists its pages as `Page` cases and provides a `world` fixture
(the objects the pages show, made through the services). For every case it gets one test that
checks, in this order:

1. the view asks for the declared action (its `permission_action`);
2. anonymous → the login page; a user without any role → 403 (200 when the action is None);
3. the in-scope user → 200; the page of an object or org outside that user's scope, or the same
   page for a user it lies outside of → 404 (out of scope and absent look the same);
4. `?export=xlsx` → a workbook that opens, when the page exports;
5. the same number of queries at two data sizes, for the page and its export: `grow(world, n)`
   adds n more of what the page shows; when the counts differ the failure lists the statements
   repeated more often (where an N+1 lives), then both runs' SQL, numbered.

One test per page rather than per check: building the world is most of a test's time, and the
suite runs twice in CI. The message names the check that failed.
"""

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlparse
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openpyxl import load_workbook

from lianxin.core import hotpath
from lianxin.core.excel import XLSX_TYPE
from lianxin.core.models import RateCounter
from lianxin.testing.xlsx import assert_print_ready

MASKED_CSRF = re.compile(rb"[A-Za-z0-9]{64}")  # a masked CSRF token: new on every response
# What varies between two runs of one statement: values, numbers, IN lists, savepoint names.
LITERALS = re.compile(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"")
IN_LIST = re.compile(r"IN \([?, ]*\)")
COLUMNS = re.compile(r"^SELECT .*? FROM ")
RATE_COUNTER = RateCounter._meta.db_table


@dataclass(frozen=True)
class Page:
    """One page. `url` and `outside` take the world; `user` and `outside_user` name users of the
    `users` fixture or of the world; `user=None` is a public page, opened without logging in.
    `grows_because` marks a known finding: the count grows and this says why (the test then
    fails once it no longer does, so that the mark goes)."""

    name: str
    url: Callable[[dict], str]
    action: str | None
    user: str | None
    outside: Callable[[dict], str] | None = None
    outside_user: str | None = None
    export: bool = False
    grow: Callable[[dict, int], object] | None = None
    sizes: tuple[int, int] = (2, 5)
    grows_because: str = ""


class PageTests:
    cases: tuple[Page, ...] = ()

    def pytest_generate_tests(self, metafunc):
        if "page" in metafunc.fixturenames:
            metafunc.parametrize("page", self.cases, ids=[case.name for case in self.cases])

    @pytest.fixture
    def world(self) -> dict:
        return {}

    def test_page(self, page: Page, world, users, login):
        people = {**users, **world}

        def open_as(name: str | None) -> Client:
            return Client() if name is None else login(people[name])

        url = page.url(world)
        check_declared(page, url)
        check_access(page, url, world, open_as)
        client = open_as(page.user)
        if page.export:
            check_export(client, url)
        if page.grow is not None:
            check_queries(page, url, world, client)


def fresh(world: dict, n: int) -> range:
    """n numbers not used before in this test, for the names of what `grow` adds."""
    start = world.get("_made", 0)
    world["_made"] = start + n
    return range(start + 1, start + n + 1)


def check_declared(page: Page, url: str) -> None:
    view = resolve(url.split("?")[0]).func
    if page.user is None:
        assert getattr(view, "login_required", True) is False, f"{url}: a public page is marked login_not_required"
    else:
        action = getattr(getattr(view, "view_class", None), "permission_action", "<none>")
        assert action == page.action, f"{url}: the view's permission_action is {action!r}, not {page.action!r}"


def check_access(page: Page, url: str, world: dict, open_as: Callable[[str | None], Client]) -> None:
    if page.user is not None:
        response = Client().get(url)
        assert response.status_code == 302, f"anonymous at {url}: {response.status_code}, expected the login page"
        login_page = reverse("accounts:login")
        assert response["Location"].startswith(login_page), f"anonymous at {url}: sent to {response['Location']}"
        expected = 403 if page.action else 200
        status = open_as("nobody").get(url).status_code
        assert status == expected, f"a user without a role at {url}: {status}, expected {expected}"
    status = open_as(page.user).get(url).status_code
    assert status == 200, f"{page.user or 'anonymous'} (in scope) at {url}: {status}"
    if page.outside is not None:
        outside = page.outside(world)
        status = open_as(page.user).get(outside).status_code
        assert status == 404, f"{page.user or 'anonymous'} at {outside} (out of scope): {status}, expected 404"
    if page.outside_user is not None:
        status = open_as(page.outside_user).get(url).status_code
        assert status == 404, f"{page.outside_user} (out of scope) at {url}: {status}, expected 404"


def export_url(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "export=xlsx"


def check_export(client: Client, url: str) -> None:
    response = client.get(export_url(url))
    assert response.status_code == 200, f"export of {url}: {response.status_code}"
    assert response["Content-Type"] == XLSX_TYPE, f"export of {url}: {response['Content-Type']}"
    assert load_workbook(io.BytesIO(response.content), read_only=True).sheetnames, f"export of {url}: no sheet"
    assert_print_ready(response.content, titled=None)  # through the core's layout: A4, header


def check_queries(page: Page, url: str, world: dict, client: Client) -> None:
    """The page, and its export (all rows, so an N+1 there costs most), at both sizes."""
    urls = [url, export_url(url)] if page.export else [url]
    small, large = page.sizes
    page.grow(world, small)
    for each in urls:
        client.get(each)  # warm-up: what a first request caches is no growth
    before = [run(client, each) for each in urls]
    page.grow(world, large - small)
    after = [run(client, each) for each in urls]
    assert before[0][1] != after[0][1], f"{page.name}: grow() added nothing that {url} shows"
    grew = [(each, b, a) for each, (b, _), (a, _) in zip(urls, before, after, strict=True) if len(b) != len(a)]
    if page.grows_because:
        assert grew, f"{page.name} no longer grows with the data: drop grows_because"
        pytest.xfail(f"{len(grew[0][1])} → {len(grew[0][2])} queries: {page.grows_because}")
    assert not grew, "\n\n".join(query_report(each, (small, b), (large, a)) for each, b, a in grew)


def run(client: Client, url: str) -> tuple[list[str], bytes]:
    """The statements a request ran (but the export rate limit's, whose sweep follows the clock)
    and what it showed."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    statements = [hotpath.statement(q["sql"]) for q in queries.captured_queries if RATE_COUNTER not in q["sql"]]
    return statements, MASKED_CSRF.sub(b"", response.content)


def query_report(url: str, *runs: tuple[int, list[str]]) -> str:
    (small, before), (large, after) = runs
    shapes_before, shapes_after = Counter(map(shape, before)), Counter(map(shape, after))
    grew = [f"  {shapes_before[s]} → {n}×  {s[:300]}" for s, n in shapes_after.items() if n != shapes_before[s]]
    lines = [f"{url}: {len(before)} queries with {small} rows, {len(after)} with {large}.", "Repeated more:", *grew]
    for size, queries in runs:
        lines.append(f"--- {size} rows: {len(queries)} queries")
        for number, sql in enumerate(queries, 1):
            pretty = sqlparse.format(sql, reindent=True).replace("\n", "\n      ")
            lines.append(f"{number:>4}. {pretty}")
    return "\n".join(lines)


def shape(sql: str) -> str:
    """The statement with its values and column list left out: what an N+1 repeats."""
    return COLUMNS.sub("SELECT … FROM ", IN_LIST.sub("IN (…)", LITERALS.sub("?", sql)))
