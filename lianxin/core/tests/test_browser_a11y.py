"""Accessibility (issue 16.3): axe-core on the home page and the main page of every side-nav
entry each demo role sees, at 360 and 1366 px. The nav is read from the page, so a module
added later is walked too. Fails on any "serious" or "critical" violation; every count lands in
test-artifacts/axe-report.json. Fixtures (server, browser, watched) from lianxin/testing/browser.py.
"""

from urllib.parse import urlsplit

import pytest

from lianxin.testing.axe import blocking, counts, describe, record, run_axe
from lianxin.testing.browser import log_in

pytestmark = pytest.mark.browser

# One account per role that has pages: office, township, village, member, task force, admin, auditor.
ROLES = ["mengzhou", "xiguo", "yingxiu", "dangyuan", "zhuanban", "admin", "auditor"]


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
        per_page[path] = {"counts": counts(violations), "violations": violations}
        failures += describe(f"{username}@{w.viewport}px {path}", blocking(violations))
    record(f"{username}@{w.viewport}", per_page)

    assert not failures, "axe found serious or critical violations:\n" + "\n".join(failures)
    assert w.errors == [], w.errors
