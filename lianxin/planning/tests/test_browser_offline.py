"""A village clerk reports a measure's progress from the fields with no signal (issue 16): the
reports wait on the phone in the same queue as visits, survive a reload, can be put back in the
form, and arrive exactly once with their photos when the network returns — also when the same
queue is sent again. Fixtures from lianxin/testing/browser.py (a runserver with the demo world)."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from lianxin.testing.browser import keep_queue, log_in, manage_on_server, open_online_through_worker, replay_queue

pytestmark = pytest.mark.browser
# 姚庄村 (user `yaozhuang`): a demo plan with measures. The reports keep each measure's progress
# as it was (the form starts at it), so the rating test that starts from this village sees the
# plan it expects.
VILLAGE = "410883105212"
FIRST_MEASURE = (
    "from lianxin.planning.models import Measure; "
    f"print(Measure.objects.filter(plan__org__code='{VILLAGE}').order_by('id').values_list('pk', flat=True)[0])"
)
COUNT = (
    "from lianxin.planning.models import ProgressReport; "
    "reports = ProgressReport.objects.filter(text__startswith='{prefix}'); "
    "print(reports.count(), sum(r.attachments.count() for r in reports))"
)


def reports(prefix: str) -> tuple[int, int]:
    """(reports, attachments) on the server whose 进展情况 starts with `prefix`."""
    found, photos = manage_on_server("shell", "-c", COUNT.format(prefix=prefix)).split()[-2:]
    return int(found), int(photos)


def queue_report(page, text: str, photo) -> None:
    page.locator("#id_text").fill(text)
    page.locator("#id_files").set_input_files(str(photo))
    page.get_by_role("button", name="记入台账").click()


def test_two_reports_typed_offline_arrive_once_with_their_photos(offline_phone, tmp_path):
    (w, context), page = offline_phone, offline_phone[0].page
    photo = tmp_path / "field.jpg"
    Image.new("RGB", (4000, 3000), (160, 120, 40)).save(photo, "JPEG")  # a phone camera's size
    measure = manage_on_server("shell", "-c", FIRST_MEASURE).split()[-1]
    log_in(w, "yaozhuang")
    open_online_through_worker(w, f"/planning/measures/{measure}/")

    context.set_offline(True)
    expect(page.locator("#offline-banner")).to_be_visible()
    queue_report(page, "离线进展甲：道路硬化", photo)
    expect(page.locator("[data-queue-count]")).to_have_text("1")
    queue_report(page, "离线进展乙：路灯安装", photo)
    expect(page.locator("[data-queue-count]")).to_have_text("2")
    expect(page.locator("[data-queue-kind]", has_text="进展报告")).to_have_count(2)
    w.shot("offline-progress-queue")

    # Put the first back in the form (edit), change it, queue it again: still two, in the order typed.
    page.locator("[data-queue-record]").first.get_by_role("button", name="编辑").click()
    expect(page.locator("[data-queue-count]")).to_have_text("1")
    expect(page.locator("#id_text")).to_have_value("离线进展甲：道路硬化")
    assert page.evaluate("document.querySelector('#id_files').files.length") == 1  # the photo came back
    queue_report(page, "离线进展甲：道路硬化完成一半", photo)
    expect(page.locator("[data-queue-count]")).to_have_text("2")

    page.reload()  # no network: the worker's copy of the page, the queue from IndexedDB
    expect(page.locator("[data-queue-count]")).to_have_text("2")
    assert reports("离线进展") == (0, 0)
    assert keep_queue(page) == 2

    context.set_offline(False)
    expect(page.locator("[data-offline-queue-panel]")).to_be_hidden()
    assert reports("离线进展") == (2, 2)
    assert reports("离线进展甲：道路硬化完成一半") == (1, 1)  # the edited text, not the first

    replay_queue(page)  # the same queue again: the server answers the originals
    assert reports("离线进展") == (2, 2)
    assert w.errors == [] and w.foreign == [], (w.errors, w.foreign)
