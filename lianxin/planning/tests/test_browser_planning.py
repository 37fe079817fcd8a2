"""On a 360 px phone: the village adds a measure and a progress report with a photo, submits
its plan; the township accepts it; the battle map shows the star met. Fixtures come from
lianxin/testing/browser.py (one demo server per session)."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from lianxin.testing.browser import VIEWPORTS, Watched, log_in, open_nav_item

pytestmark = pytest.mark.browser
YINGXIU = "410883001002"  # 迎秀社区: its demo plan is an empty draft aiming at 支部过硬星


@pytest.fixture
def phone(browser, server):
    contexts = []

    def open_as(username: str) -> Watched:
        context = browser.new_context(viewport=VIEWPORTS["360"], locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())  # the confirm() before submitting
        watched = Watched(page, server, "360")
        log_in(watched, username)
        return watched

    yield open_as
    for context in contexts:
        context.close()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (180, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_village_reports_township_accepts_board_shows_it(phone):
    village = phone("yingxiu")
    page = village.page
    open_nav_item(village, "创星规划")
    page.get_by_role("link", name="迎秀社区").click()
    expect(page.locator("main h1")).to_contain_text("迎秀社区")

    page.get_by_role("link", name="新增措施").first.click()
    page.locator("#id_description").fill("建成党群服务中心便民服务窗口")
    page.locator("#id_deadline").fill("2026-12-20")
    page.locator("#id_responsible_name").fill("王建国")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main h1")).to_contain_text("便民服务窗口")
    village.shot("plan-measure")

    page.locator("#id_progress").fill("100")
    page.locator("#id_text").fill("窗口已建成并开放")
    page.locator("input[name=files]").set_input_files({"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": jpeg()})
    page.get_by_role("button", name="记入台账").click()
    expect(page.locator(".alert-success")).to_contain_text("进展已记入台账")
    expect(page.locator("img.thumb")).to_have_count(1)
    village.shot("plan-report")

    page.locator(".breadcrumb a").first.click()
    page.get_by_role("button", name="提交乡镇审核").click()
    expect(page.locator(".alert-success")).to_contain_text("已提交")

    township = phone("dading")
    tpage = township.page
    open_nav_item(township, "创星规划")
    tpage.get_by_role("link", name="迎秀社区").click()
    tpage.get_by_role("button", name="通过").click()
    expect(tpage.locator(".alert-success")).to_contain_text("规划已通过")
    township.shot("plan-accepted")

    open_nav_item(township, "挂图作战")
    row = tpage.locator("[data-testid=board] tr", has_text="迎秀社区")
    expect(row.locator("td.cell").first).to_contain_text("已达标")
    township.shot("plan-board")

    for w in (village, township):
        assert w.errors == [] and w.foreign == [], (w.errors, w.foreign)
