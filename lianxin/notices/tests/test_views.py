import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.conftest import MENGZHOU
from lianxin.notices.choices import TargetKind
from lianxin.notices.models import Notice, NoticeReceipt
from lianxin.notices.tests import factories as f
from lianxin.notices.workbench import cards

pytestmark = pytest.mark.django_db


def test_the_office_sends_a_notice_from_the_form(login, users):
    client = login(users["office"])
    assert client.get(reverse("notices:create")).status_code == 200
    response = client.post(
        reverse("notices:create"),
        {
            "sender": MENGZHOU,
            "title": "关于开展走访的通知",
            "body": "请组织走访。",
            "kinds": [TargetKind.TOWNSHIP],
            "roles": [Role.TOWNSHIP],
            "reply": "text",
            "attachment": f.pdf(),
        },
    )
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
    assert notice.receipts.count() == 2 and notice.attachments.count() == 1


def test_a_forged_area_is_a_message_not_an_error(login, users):
    response = login(users["township"]).post(
        reverse("notices:create"),
        {
            "sender": "410883105",
            "title": "t",
            "body": "b",
            "kinds": ["village"],
            "roles": ["village"],
            "reply": "none",
            "within": "410822",
        },
    )
    assert response.status_code == 200 and "代码不是您范围内的单位" in response.content.decode()
    assert not Notice.objects.exists()


def test_opening_a_notice_marks_it_read_and_the_sender_sees_it(login, users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,))
    receipt = NoticeReceipt.objects.get(notice=notice, user=users["village"])
    village = login(users["village"])
    assert "关于报送创建进展的通知" in village.get(reverse("notices:inbox") + "?status=unread").content.decode()
    page = village.get(receipt.get_absolute_url())
    assert page.status_code == 200
    receipt.refresh_from_db()
    assert receipt.read_at is not None
    village.post(receipt.get_absolute_url(), {"op": "reply", "text": "已完成"})
    office = login(users["office"])
    replied = office.get(notice.get_absolute_url() + "?status=replied").content.decode()
    assert "迎秀社区" in replied and "已完成" in replied
    unread = office.get(notice.get_absolute_url() + "?status=unread").content.decode()
    assert "迎秀社区" not in unread
    export = office.get(notice.get_absolute_url() + "?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_another_users_copy_is_not_found(login, users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,), roles=(Role.VILLAGE, Role.MEMBER))
    receipt = NoticeReceipt.objects.get(notice=notice, user=users["village"])
    assert login(users["member"]).get(receipt.get_absolute_url()).status_code == 404


def test_the_sender_reminds_from_the_receipt_page(login, users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,))
    response = login(users["office"]).post(reverse("notices:remind", args=[notice.pk]), follow=True)
    assert "本次提醒 1 人" in response.content.decode()


def test_workbench_cards_count_unread_and_replies_due(users, django_assert_num_queries):
    f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,))
    user = users["village"]
    assert user.assignments  # loaded once per request in the pages
    with django_assert_num_queries(2):
        unread, due = cards(user, timezone.localdate())
    assert unread.count == 1 and due.count == 1 and "status=reply_due" in due.url
