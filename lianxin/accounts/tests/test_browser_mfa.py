"""In chromium: a new creation-office account logs in, is sent to enrolment, scans (types) the
secret shown beside the QR code, confirms with the code, gets ten recovery codes and reaches the
home page; the page's QR code is drawn under the CSP with no console error."""

import pytest
from playwright.sync_api import expect

from lianxin.testing.browser import PASSWORD, manage_on_server

pytestmark = pytest.mark.browser


def test_a_new_office_account_enrols_its_phone(watched):
    from base64 import b32decode

    from lianxin.accounts.mfa import code_for

    w, page = watched, watched.page
    username = f"newoffice{w.viewport}"
    manage_on_server("add_user", username, "--role", "office", "--org", "410883", "--password", PASSWORD)
    w.goto("/")
    page.get_by_label("用户名或手机号").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/accounts/mfa/**")
    expect(page.get_by_text("须启用两步验证")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    w.shot("mfa-enrol")

    secret = page.get_by_test_id("mfa-secret").inner_text().replace(" ", "")
    page.get_by_label("验证码").fill(code_for(b32decode(secret).hex()))
    page.get_by_role("button", name="确认绑定").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    w.shot("mfa-codes")
    page.get_by_role("link", name="已保存，继续").click()
    page.wait_for_url(w.base_url + "/")
    assert w.errors == [] and w.foreign == [], (w.errors, w.foreign)
