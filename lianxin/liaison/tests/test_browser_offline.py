"""A party member logs visits with no signal (issue 16): the visits wait on the phone, survive a
reload, arrive exactly once with their photos when the network returns — also when the same
queue is sent again — and a visit queued by one user is never sent in another user's session.
Fixtures from lianxin/testing/browser.py (a runserver with the demo world)."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from lianxin.testing.browser import (
    keep_queue,
    log_in,
    manage_on_server,
    open_online_through_worker,
    queued_on_device,
    replay_queue,
)

pytestmark = pytest.mark.browser

COUNT = (
    "from lianxin.liaison.models import Visit; "
    "print(Visit.objects.filter(raised__startswith='{prefix}').count(), "
    "sum(v.photos.count() for v in Visit.objects.filter(raised__startswith='{prefix}')))"
)


def visits(prefix: str) -> tuple[int, int]:
    """(visits, photos) on the server whose 反映情况 starts with `prefix`."""
    found, photos = manage_on_server("shell", "-c", COUNT.format(prefix=prefix)).split()[-2:]
    return int(found), int(photos)


def queue_visit(page, raised: str, photo=None):
    household = page.locator("#id_household option", has_text="★").first
    page.locator("#id_household").select_option(household.get_attribute("value"))
    if photo:
        page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_raised").fill(raised)
    page.get_by_role("button", name="提交走访").click()


def open_form_online(w):
    open_online_through_worker(w, "/liaison/visits/new/")


def test_two_visits_typed_offline_arrive_once_with_their_photos(offline_phone, tmp_path):
    (w, context), page = offline_phone, offline_phone[0].page
    photo = tmp_path / "field.jpg"
    Image.new("RGB", (4000, 3000), (30, 120, 60)).save(photo, "JPEG")  # a phone camera's size
    log_in(w, "dangyuan")
    open_form_online(w)

    context.set_offline(True)
    expect(page.locator("#offline-banner")).to_be_visible()
    queue_visit(page, "离线走访甲：屋顶漏雨", photo)
    expect(page.locator("[data-queue-count]")).to_have_text("1")
    queue_visit(page, "离线走访乙：路灯不亮", photo)
    expect(page.locator("[data-queue-count]")).to_have_text("2")
    w.shot("offline-queue")
    page.reload()  # no network: the worker's copy of the page, the queue from IndexedDB
    expect(page.locator("[data-queue-count]")).to_have_text("2")
    assert visits("离线走访") == (0, 0)
    assert keep_queue(page) == 2  # to send it a second time below

    context.set_offline(False)
    expect(page.locator("[data-offline-queue-panel]")).to_be_hidden()
    assert visits("离线走访") == (2, 2)

    # The same queue again (a resend, a second tab): the server answers the originals.
    replay_queue(page)
    assert visits("离线走访") == (2, 2)
    assert w.foreign == [], w.foreign


def test_a_visit_queued_by_one_user_is_not_sent_as_another(offline_phone):
    (w, context), page = offline_phone, offline_phone[0].page
    log_in(w, "dangyuan")
    open_form_online(w)
    context.set_offline(True)
    queue_visit(page, "换人走访：不应以他人身份发送")
    expect(page.locator("[data-queue-count]")).to_have_text("1")
    context.clear_cookies()  # the member's session ends on this shared phone
    context.set_offline(False)

    log_in(w, "yingxiu")  # another user logs in on the same device
    w.goto("/liaison/visits/new/")
    page.wait_for_timeout(1500)  # time for the queue to be sent, were it sent
    assert visits("换人走访") == (0, 0)
    expect(page.locator("[data-offline-queue-panel]")).to_be_hidden()  # not shown to this user


def test_logging_out_asks_and_leaves_nothing_queued_on_the_device(offline_phone):
    (w, context), page = offline_phone, offline_phone[0].page
    log_in(w, "dangyuan")
    open_form_online(w)
    context.set_offline(True)
    queue_visit(page, "退出前未发送的走访")
    context.set_offline(False)
    context.set_offline(True)  # still no signal when the member logs out
    page.once("dialog", lambda dialog: dialog.accept())
    page.evaluate("document.querySelector('form[action$=\"/accounts/logout/\"]').requestSubmit()")
    context.set_offline(False)
    page.wait_for_url("**/accounts/login/**")
    assert queued_on_device(page) == 0
    assert page.evaluate("caches.has('pages')") is False
