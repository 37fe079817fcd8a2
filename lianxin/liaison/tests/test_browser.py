"""A party member on a 360 px phone logs a household visit with a photo in a few taps; the
county office sees the live board draw its charts. Fixtures from lianxin/testing/browser.py
(a runserver on its own SQLite file with the demo world)."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from lianxin.testing.browser import VIEWPORTS, Watched, log_in, open_nav_item

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["360"], locale="zh-CN", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, server, "360")
    context.close()


@pytest.fixture
def desk(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["1366"], locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, server, "1366")
    context.close()


def test_member_logs_a_visit_with_a_photo_on_a_phone(phone, tmp_path):
    w, page = phone, phone.page
    photo = tmp_path / "visit.jpg"
    Image.new("RGB", (1200, 900), (180, 40, 40)).save(photo, "JPEG")

    log_in(w, "dangyuan")
    open_nav_item(w, "记走访")
    page.wait_for_url("**/liaison/visits/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    household = page.locator("#id_household option", has_text="★").first
    page.locator("#id_household").select_option(household.get_attribute("value"))
    page.get_by_text("电话", exact=True).click()
    page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_raised").fill("屋顶漏雨，请帮忙联系维修")
    page.locator("label[for=id_make_matter]").click()
    w.shot("visit-form")
    page.get_by_role("button", name="提交走访").click()
    expect(page.locator(".alert-success")).to_contain_text("走访已记录")
    w.shot("visit-saved")

    w.goto("/liaison/visits/")
    first = page.locator("table tbody tr").first
    expect(first).to_contain_text("电话")
    expect(first).to_contain_text("办理中")
    assert w.errors == [], w.errors
    assert w.foreign == [], w.foreign


def test_county_board_draws_and_polls(desk):
    w, page = desk, desk.page
    log_in(w, "mengzhou")
    w.goto("/liaison/board/410883/")
    expect(page.locator(".chart canvas")).to_have_count(3)
    expect(page.locator("#board-live")).to_have_attribute("hx-trigger", "every 30s")
    expect(page.locator("#board-live table:not([data-chart-table])")).to_contain_text("槐树乡")
    with page.expect_response(lambda r: "/liaison/board/410883/" in r.url and r.request.headers.get("hx-request")):
        page.evaluate("htmx.ajax('GET', location.pathname, {target: '#board-live', swap: 'innerHTML'})")
    expect(page.locator(".chart canvas")).to_have_count(3)
    w.shot("liaison-board")
    assert w.errors == [], w.errors
