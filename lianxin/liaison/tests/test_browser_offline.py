"""A party member logs visits with no signal (issue 16): the visits wait on the phone, survive a
reload, arrive exactly once with their photos when the network returns — also when the same
queue is sent again — and a visit queued by one user is never sent in another user's session.
Fixtures from lianxin/testing/browser.py (a runserver with the demo world)."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from lianxin.testing.browser import VIEWPORTS, Watched, log_in, manage_on_server

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


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(
        viewport=VIEWPORTS["360"], locale="zh-CN", has_touch=True, is_mobile=True, service_workers="allow"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield Watched(page, server, "360"), context
    context.close()


def queue_visit(page, raised: str, photo=None):
    household = page.locator("#id_household option", has_text="★").first
    page.locator("#id_household").select_option(household.get_attribute("value"))
    if photo:
        page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_raised").fill(raised)
    page.get_by_role("button", name="提交走访").click()


def queued(page) -> int:
    return int(page.locator("[data-queue-count]").text_content())


def open_form_online(w):
    w.goto("/liaison/visits/new/")
    w.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    w.goto("/liaison/visits/new/")  # now through the worker, which keeps a copy


def test_two_visits_typed_offline_arrive_once_with_their_photos(phone, tmp_path):
    (w, context), page = phone, phone[0].page
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
    # Keep the queue as it is now, to send it a second time below.
    page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("lianxin", 1);
             open.onsuccess = () => {
               const all = open.result.transaction("queue").objectStore("queue").getAll();
               all.onsuccess = () => { window.__replay = all.result; resolve(all.result.length); };
             };
           })"""
    )

    context.set_offline(False)
    expect(page.locator("[data-offline-queue-panel]")).to_be_hidden()
    assert visits("离线走访") == (2, 2)

    # The same queue again (a resend, a second tab): the server answers the originals.
    page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("lianxin", 1);
             open.onsuccess = () => {
               const t = open.result.transaction("queue", "readwrite");
               window.__replay.forEach((r) => t.objectStore("queue").put(r));
               t.oncomplete = () => { window.dispatchEvent(new Event("online")); resolve(); };
             };
           })"""
    )
    page.wait_for_function(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("lianxin", 1);
             open.onsuccess = () => {
               const c = open.result.transaction("queue").objectStore("queue").count();
               c.onsuccess = () => resolve(c.result === 0);
             };
           })"""
    )
    assert visits("离线走访") == (2, 2)
    assert w.foreign == [], w.foreign


def test_a_visit_queued_by_one_user_is_not_sent_as_another(phone):
    (w, context), page = phone, phone[0].page
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


def test_logging_out_asks_and_leaves_nothing_queued_on_the_device(phone):
    (w, context), page = phone, phone[0].page
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
    left = page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("lianxin", 1);
             open.onsuccess = () => {
               const c = open.result.transaction("queue").objectStore("queue").count();
               c.onsuccess = () => resolve(c.result);
             };
           })"""
    )
    assert left == 0
    assert page.evaluate("caches.has('pages')") is False
