"""In a real browser at 360 and 1366 px, over the demo: a township opens one of its villages'
battle map and reads the village's funded projects (issue 12) as a table that passes axe.
Fixtures from lianxin/testing/browser.py (one demo server per session)."""

import pytest
from playwright.sync_api import expect

from lianxin.testing.axe import blocking, describe, run_axe
from lianxin.testing.browser import log_in, manage_on_server

pytestmark = pytest.mark.browser
XIGUO = "410883105"  # 西虢镇, whose demo user is `xiguo`

FUNDED_VILLAGE = f"""
from lianxin.projects.models import DemandProject
print(DemandProject.objects.filter(org__parent__code="{XIGUO}", funded__gt=0).order_by("org__code")
      .values_list("org__code", flat=True).first())
"""


def test_a_township_reads_a_villages_funded_projects_on_its_map(watched):
    w, page = watched, watched.page
    code = manage_on_server("shell", "-c", FUNDED_VILLAGE).split()[-1]
    assert code.isdigit(), f"the demo funds no village of 西虢镇: {code!r}"
    log_in(w, "xiguo")
    w.goto(f"/planning/board/{code}/")
    panel = page.get_by_test_id("village-panel")
    expect(panel.get_by_role("heading", name="本村已匹配资金的项目（金额：万元）")).to_be_visible()
    expect(panel.locator("tfoot")).to_contain_text("合计")
    w.shot("village-board-projects")
    failures = describe(f"xiguo@{w.viewport}px village board", blocking(run_axe(page)))
    assert not failures, "\n".join(failures)
    panel.get_by_role("link", name="本村全部项目").click()
    expect(page.locator("main h1")).to_contain_text("需求侧项目")
    assert w.errors == [], w.errors
