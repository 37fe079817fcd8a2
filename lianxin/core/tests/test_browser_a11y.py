"""Accessibility (issue 16.3): axe-core on the home page and the main page of every side-nav
entry each demo role sees, at 360 and 1366 px. The nav is read from the page, so a module
added later is walked too. Fails on any "serious" or "critical" violation; every count lands in
test-artifacts/axe-report.json. Fixtures (server, browser, watched) from lianxin/testing/browser.py.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from lianxin.testing.axe import blocking, counts, describe, record, run_axe
from lianxin.testing.browser import log_in

pytestmark = pytest.mark.browser

# One account per role that has pages: office, township, village, member, task force, admin, auditor.
ROLES = ["mengzhou", "xiguo", "yingxiu", "dangyuan", "zhuanban", "admin", "auditor"]
# Walked and counted, but not ours to fix: Swagger UI as drf-spectacular ships it (a developer
# tool for API clients; its markup and colours are the library's).
THIRD_PARTY = {"/api/docs/"}


def nav_paths(page) -> list[str]:
    """The side nav's entries, in order, as paths (read from the DOM: at 360 px it is hidden
    behind 菜单, but its links are there)."""
    hrefs = page.eval_on_selector_all("#sidenav a.nav-link[href]", "links => links.map(a => a.href)")
    paths = []
    for href in hrefs:
        path = urlsplit(href).path
        if path not in paths:
            paths.append(path)
    return paths


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_have_no_serious_violations(watched, username):
    w, page = watched, watched.page
    log_in(w, username)
    paths = ["/", *[p for p in nav_paths(page) if p != "/"]]
    assert len(paths) > 1, "no nav entries read from #sidenav"

    per_page, failures = {}, []
    for path in paths:
        w.goto(path)
        page.wait_for_load_state("networkidle")
        violations = run_axe(page)
        per_page[path] = {"counts": counts(violations), "violations": violations, "third_party": path in THIRD_PARTY}
        if path not in THIRD_PARTY:
            failures += describe(f"{username}@{w.viewport}px {path}", blocking(violations))
    record(f"{username}@{w.viewport}", per_page)

    assert not failures, "axe found serious or critical violations:\n" + "\n".join(failures)
    assert w.errors == [], w.errors


def test_login_page_and_keyboard_path(watched):
    """The login page (every user's first page) passes axe too. The home page's chart has its
    text alternative. Then the first Tab reaches
    "跳到正文", shown while focused; Enter moves the reading point into <main>; the next Tab
    lands on a link inside the page's content, with a visible focus ring."""
    w, page = watched, watched.page
    w.goto("/accounts/login/")
    violations = run_axe(page)
    record(f"login@{w.viewport}", {"/accounts/login/": {"counts": counts(violations), "violations": violations}})
    failures = describe(f"login@{w.viewport}px", blocking(violations))
    assert not failures, "axe found serious or critical violations:\n" + "\n".join(failures)

    log_in(w, "mengzhou")
    # The county's chart of its townships is an image named by its title, followed by a table
    # of the same figures as the children table beside it.
    chart = page.locator("[data-chart][role=img]")
    expect(chart).to_have_attribute("aria-label", re.compile(r"^\S.*（图表，数据见其后的表格）$"))
    rows = page.locator("[data-testid=children-table] tbody tr").count()
    expect(page.locator("[data-chart] + table[data-chart-table] tbody tr")).to_have_count(rows)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.locator("main :focus")
    expect(focused).to_have_count(1)
    outline = focused.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert outline.startswith("solid") and outline != "solid 0px", outline
    assert w.errors == [], w.errors
