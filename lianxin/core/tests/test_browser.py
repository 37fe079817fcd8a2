"""Browser smoke test of the foundation: log in, drill the tree, scope, search, chart.
Fixtures (server, browser, watched) come from lianxin/testing/browser.py."""

import csv
import gzip

import pytest
from playwright.sync_api import expect

from lianxin.orgs.naming import pinyin_initials, short_name
from lianxin.testing.browser import REPO, assert_chart_drawn, log_in, open_nav_item

pytestmark = pytest.mark.browser

XIGUO = "410883105"  # 西虢镇, the township of the demo user `xiguo`
DADING = "410883001"  # 大定街道, a neighbouring township outside xiguo's scope
NOT_IN_SCOPE = "页面不存在，或不在您的数据范围内"


# --- Data from the committed division file ---------------------------------------------------


def xiguo_villages() -> list[tuple[str, str]]:
    """(code, short name) of 西虢镇's villages: suffix >= 200 is a village, below a community."""
    with gzip.open(REPO / "data" / "divisions-2023-henan" / "villages.csv.gz", "rt", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["code"].startswith(XIGUO)]
    return sorted((r["code"], short_name(r["name"])) for r in rows if int(r["code"][-3:]) >= 200)


def test_township_user_browses_own_tree(watched):
    w, page = watched, watched.page
    villages = xiguo_villages()
    assert villages, "no villages for 西虢镇 in the division data"

    log_in(w, "xiguo")
    expect(page.locator("#overview h2")).to_contain_text("西虢镇")
    expect(page.locator("[data-testid=count-villages]")).to_have_text(str(len(villages)))
    w.shot("home")

    open_nav_item(w, "组织架构")
    page.wait_for_url(f"**/orgs/{XIGUO}/")
    w.shot("township")

    first_link = page.locator("[data-testid=children-table] tbody a").first
    village = first_link.inner_text().strip()
    assert village == villages[0][1]
    first_link.click()
    page.wait_for_url(f"**/orgs/{villages[0][0]}/")
    crumbs = page.locator(".breadcrumb")
    expect(crumbs).to_contain_text("西虢镇")
    expect(crumbs).to_contain_text(village)
    w.shot("village")

    w.goto(f"/orgs/{DADING}/", expect_status=404)
    expect(page.get_by_text(NOT_IN_SCOPE)).to_be_visible()
    w.shot("out-of-scope")

    code, name = villages[0]
    w.goto(f"/orgs/search/?q={pinyin_initials(name)}")
    expect(page.locator("table").get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.locator("table")).to_contain_text(code)
    w.shot("search")

    assert w.errors == [], w.errors
    assert w.foreign == [], w.foreign


def test_county_office_sees_chart(watched):
    """孟州市's home charts its 11 townships: ECharts, vendored and started from app.js, draws
    under the CSP."""
    w, page = watched, watched.page
    log_in(w, "mengzhou")
    expect(page.locator("#overview h2")).to_contain_text("孟州市")
    expect(page.locator("[data-testid=count-children]")).to_have_text("11")
    assert_chart_drawn(w)
    w.shot("county-home")

    assert w.errors == [], w.errors
    assert w.foreign == [], w.foreign
