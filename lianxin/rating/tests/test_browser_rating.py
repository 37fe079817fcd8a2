"""In chromium: 姚庄村 (a village no other test touches) applies for 支部过硬星 on a phone;
西虢镇 and the 支部过硬星 task force review; 孟州市's office decides and publicises; after the
publicity period the office determines, and the public page shows the result. Fixtures come
from lianxin/testing/browser.py (one demo server per session)."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from lianxin.testing.browser import REPO, VIEWPORTS, Watched, log_in, open_nav_item

pytestmark = pytest.mark.browser
VILLAGE = "410883105212"  # 姚庄村, user `yaozhuang` (lianxin/rating/demo.py)


@pytest.fixture
def as_user(browser, server):
    contexts = []

    def open_as(username: str | None, viewport: str = "1366") -> Watched:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: dialog.accept())  # confirm() before submitting
        watched = Watched(page, server, viewport)
        if username:
            log_in(watched, username)
        return watched

    yield open_as
    for context in contexts:
        context.close()


def end_publicity_on_server(tmp_path_factory) -> None:
    """Let the five working days pass: move this village's publicity into the past, in the
    demo server's database (the service itself refuses to backdate a publicity)."""
    dbs = sorted(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    assert dbs, "demo server database not found"
    code = (
        "from datetime import timedelta; from django.utils import timezone; "
        "from lianxin.rating.models import Publicity; "
        "t = timezone.localdate(); "
        f"n = Publicity.objects.filter(applications__org__code='{VILLAGE}').update("
        "start_date=t - timedelta(days=20), end_date=t - timedelta(days=13)); "
        "assert n == 1, n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{dbs[-1]}", "DJANGO_DEBUG": "0", "LIANXIN_ENV": "development"}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]


def review_in_queue(w: Watched, shot: str) -> None:
    open_nav_item(w, "待我审核")
    w.page.locator("[data-testid=queue]").get_by_role("link", name="姚庄村").click()
    card = w.page.locator("[data-testid=review-card]").first
    card.get_by_role("radio", name="通过", exact=True).check()
    card.get_by_role("button", name="提交审核意见").click()
    expect(w.page.locator(".alert-success")).to_contain_text("审核意见已提交")
    w.shot(shot)


def test_apply_review_determine_publish(as_user, tmp_path_factory):
    village = as_user("yaozhuang", "360")
    page = village.page
    open_nav_item(village, "评星申报")
    page.get_by_role("link", name="新建申报").click()
    page.get_by_label("支部过硬星").check()
    page.locator("#id_self_score").fill("91")
    page.locator("#id_statement").fill("三会一课规范，班子团结")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main h1")).to_contain_text("姚庄村")
    expect(page.locator("[data-testid=missing-evidence]")).to_contain_text("支部过硬星")
    page.get_by_label("我已知悉上述星没有台账佐证，仍要提交").check()
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".alert-success")).to_contain_text("已提交审核")
    expect(page.locator("[data-testid=status]")).to_have_text("审核中")
    village.shot("rating-applied")

    review_in_queue(as_user("xiguo"), "rating-township")
    review_in_queue(as_user("zhuanban"), "rating-taskforce")
    office = as_user("mengzhou")
    review_in_queue(office, "rating-office")
    expect(office.page.locator("[data-testid=status]")).to_have_text("待公示")

    opage = office.page
    open_nav_item(office, "评星公示")
    expect(opage.get_by_role("checkbox", checked=True)).to_have_count(0)  # nothing ticked for the office
    opage.get_by_label("西虢镇 姚庄村 · 支部过硬星").check()
    opage.get_by_role("button", name="发布公示").click()
    expect(opage.locator(".alert-success")).to_contain_text("公示已发布")
    expect(opage.locator("[data-testid=publicity-apps]")).to_contain_text("姚庄村")
    office.shot("rating-publicity")

    end_publicity_on_server(tmp_path_factory)
    opage.locator("[data-testid=publicity-apps]").get_by_role("link", name="姚庄村").click()
    opage.get_by_role("button", name="认定").click()
    expect(opage.locator(".alert-success")).to_contain_text("已认定")
    expect(opage.locator("[data-testid=status]")).to_have_text("已认定")

    public = as_user(None, "360")
    public.goto("/rating/public/410883/")
    row = public.page.locator("[data-testid=results] tr", has_text="姚庄村")
    expect(row).to_contain_text("支部过硬星")
    public.shot("rating-public")

    for w in (village, office, public):
        assert w.errors == [] and w.foreign == [], (w.errors, w.foreign)
