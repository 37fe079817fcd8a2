"""On a 360 px phone the 迎秀社区 clerk opens today's activity sheet (the page its QR code
leads to), signs a volunteer in and out, and the hours are credited; no sideways scrolling, no
serious accessibility violation. Fixtures from lianxin/testing/browser.py (the demo world)."""

import pytest
from playwright.sync_api import expect

from lianxin.civic.demo import TODAY_VISIT
from lianxin.testing.axe import blocking, describe, run_axe
from lianxin.testing.browser import VIEWPORTS, Watched, log_in, manage_on_server

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["360"], locale="zh-CN", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, server, "360")
    context.close()


def test_a_volunteer_signs_in_and_out_on_a_phone(phone):
    w, page = phone, phone.page
    code = f"from lianxin.civic.models import Activity; print(Activity.objects.get(title={TODAY_VISIT!r}).pk)"
    pk = manage_on_server("shell", "--no-imports", "-c", code).split()[-1]
    log_in(w, "yingxiu")
    w.goto(f"/civic/activities/{pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    assert not blocking(run_axe(page)), describe("sign-in sheet", blocking(run_axe(page)))
    row = page.locator("li.list-group-item", has_text="李大姐")
    row.get_by_role("button", name="签到").click()
    expect(page.locator(".alert-success")).to_contain_text("已签到")
    w.shot("volunteer-signed-in")
    page.locator("li.list-group-item", has_text="李大姐").get_by_role("button", name="签退").click()
    expect(page.locator(".alert-success")).to_contain_text("服务时长已记入")
    expect(page.locator("li.list-group-item", has_text="李大姐")).to_contain_text("已签退 · 0.5 小时")
    w.shot("volunteer-signed-out")
    assert w.errors == [], w.errors
    assert w.foreign == [], w.foreign
