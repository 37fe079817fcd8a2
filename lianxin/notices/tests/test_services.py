import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lianxin.accounts.roles import Role
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, XIGUO, YINGXIU
from lianxin.core.models import Notification
from lianxin.notices import services
from lianxin.notices.choices import ReplyKind, TargetKind
from lianxin.notices.models import NoticeReceipt, NoticeUnit
from lianxin.notices.tests import factories as f
from lianxin.orgs.models import Org

pytestmark = pytest.mark.django_db


def test_sending_writes_a_unit_row_per_village_and_a_receipt_per_person(users):
    f.village_user()
    notice = f.notice("township", XIGUO)
    villages = Org.objects.filter(code__startswith=XIGUO, kind__in=f.VILLAGES).count()
    assert notice.units_total == villages == notice.units.count() > 10
    receipt = NoticeReceipt.objects.get(notice=notice)
    assert receipt.user == f.user("xiguo_village") and receipt.unit.org.code == f.XIGUO_VILLAGE
    assert receipt.unit.persons_total == 1 and receipt.read_at is None
    assert AuditEvent.objects.filter(action="notices.notice.send", org_code=XIGUO).count() == 1


def test_a_county_sends_to_the_township_users_only(users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.TOWNSHIP,), roles=(Role.TOWNSHIP,))
    people = set(notice.receipts.values_list("user__username", flat=True))
    assert people == {"township", "neighbour"}
    assert not notice.units.exclude(org__kind="township").exists()


def test_a_notice_can_be_limited_to_one_township(users):
    within = Org.objects.get(code=XIGUO)
    notice = f.notice("office", MENGZHOU, within=within)
    assert not notice.units.exclude(org__code__startswith=XIGUO).exists()


def test_sending_is_refused_outside_scope_and_to_nobody(users):
    with pytest.raises(Http404):
        f.notice("township", DADING)
    with pytest.raises(PermissionDenied):
        f.notice("village", YINGXIU)
    with pytest.raises(ValidationError):
        f.notice("township", XIGUO, kinds=(TargetKind.TOWNSHIP,))


def test_opening_marks_read_once_and_counts_on_the_unit(users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,))
    receipt = NoticeReceipt.objects.get(notice=notice, user=users["village"])
    assert services.open_receipt(receipt) is True
    assert services.open_receipt(receipt) is False
    unit = NoticeUnit.objects.get(pk=receipt.unit_id)
    assert unit.persons_read == 1 and unit.read_at is not None
    counts = services.unit_counts(notice.units.all())
    assert counts["read"] == 1 and counts["persons_read"] == 1 and counts["units"] == notice.units_total


def test_a_reply_is_the_units_and_a_file_notice_needs_a_file(users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,), reply=ReplyKind.FILE)
    receipt = NoticeReceipt.objects.get(notice=notice, user=users["village"])
    with pytest.raises(ValidationError):
        services.reply(Actor(user=users["village"]), receipt, text="见附件")
    with pytest.raises(PermissionDenied):
        services.reply(Actor(user=users["member"]), receipt, text="x", file=f.pdf())
    unit = services.reply(Actor(user=users["village"]), receipt, text="见附件", file=f.pdf("报表.pdf"))
    assert unit.replied_by == users["village"] and unit.files.get().original_name == "报表.pdf"
    receipt.refresh_from_db()
    assert receipt.read_at is not None


def test_reminders_go_to_those_pending_once_a_day(users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.TOWNSHIP,), roles=(Role.TOWNSHIP,), reply=ReplyKind.NONE)
    services.open_receipt(NoticeReceipt.objects.get(notice=notice, user=users["township"]))
    assert services.remind(Actor(user=users["office"]), notice) == 1
    assert services.remind(Actor(user=users["office"]), notice) == 0
    assert Notification.objects.filter(user=users["neighbour"], key__startswith="notices.notice.remind").exists()
    assert not Notification.objects.filter(user=users["township"]).exists()
    with pytest.raises(Http404):
        services.remind(Actor(user=users["office_boai"]), notice)


def test_the_daily_job_reminds_about_open_notices(users):
    f.notice("office", MENGZHOU, kinds=(TargetKind.TOWNSHIP,), roles=(Role.TOWNSHIP,))
    from django.utils import timezone

    assert services.remind_open(timezone.localdate()) == 2


def test_attachments_are_served_to_sender_and_recipients_only(users):
    notice = f.notice("office", MENGZHOU, kinds=(TargetKind.COMMUNITY,))
    file = notice.attachments.get()
    assert services.attachment_for(users["office"], file.pk) == file
    assert services.attachment_for(users["village"], file.pk) == file
    assert services.attachment_for(users["office_boai"], file.pk) is None
    assert services.attachment_for(users["township"], file.pk) is None


def test_the_demo_loads_once(users):
    from lianxin.notices import demo

    f.village_user()
    assert demo.load() == {"notices": 2, "receipts": 2}
    assert demo.load() is None
    assert NoticeUnit.objects.filter(replied_at__isnull=False).count() == 1
