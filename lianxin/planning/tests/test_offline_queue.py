"""What the phone's offline queue (static/js/offline.js) relies on for a village clerk's progress
reports: a report sent again under the same client id is the same report, its photos stored
once; and a queued submission to the measure page gets its answer — or the Chinese reason of a
refusal, out of scope included — as JSON."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import make_user
from lianxin.core.views.forms import QUEUE_HEADER
from lianxin.planning import services
from lianxin.planning.models import ProgressReport, ReportAttachment

pytestmark = pytest.mark.django_db
QUEUED = {f"HTTP_{QUEUE_HEADER.upper().replace('-', '_')}": "1"}
TODAY = timezone.localdate()


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("field.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def clerk(plans):
    """The village user of the 西虢镇 village whose plan has a measure."""
    return make_user("xiguo_clerk", "village", plans["plan"].org.code)


def report(user, measure, key, **extra):
    arguments = {"date": TODAY, "text": "路面已硬化一半", "progress": 50, "files": [photo()], "client_id": key}
    return services.add_report(Actor(user=user), measure, **arguments | extra)


def post(client, measure, key, **extra):
    data = {"op": "report", "date": TODAY.isoformat(), "progress": 40, "text": "田间照片", "files": [photo()]}
    url = reverse("planning:measure_detail", kwargs={"pk": measure.pk})
    return client.post(url, data | {"client_id": str(key)} | extra, **QUEUED)


def test_a_resend_is_answered_with_the_original_report_and_its_photos_once(plans, clerk):
    measure, key = plans["measure"], uuid.uuid4()
    first = report(clerk, measure, key)
    again = report(clerk, measure, key, progress=80, text="再次发送")
    assert again.pk == first.pk and again.progress == 50
    assert ProgressReport.objects.filter(measure=measure).count() == 1
    assert ReportAttachment.objects.filter(report__measure=measure).count() == 1
    measure.refresh_from_db()
    assert measure.progress == 50  # the resend changed nothing
    assert AuditEvent.objects.filter(action="planning.report.create").count() == 1


def test_another_users_record_with_the_same_id_is_another_report(plans, clerk):
    measure, key = plans["measure"], uuid.uuid4()
    colleague = make_user("xiguo_clerk2", "village", plans["plan"].org.code)
    first = report(clerk, measure, key)
    other = report(colleague, measure, key)
    assert other.pk != first.pk and other.client_id == first.client_id == key
    assert ReportAttachment.objects.filter(report__measure=measure).count() == 2


def test_a_measure_out_of_scope_is_refused_and_nothing_is_stored(plans, clerk):
    outside = plans["other_measure"]  # 大定街道: not the clerk's village
    with pytest.raises(Http404):
        report(clerk, outside, uuid.uuid4())
    assert not ProgressReport.objects.filter(measure=outside).exists()


def test_queued_reports_get_json_and_a_replay_makes_no_duplicate(plans, clerk, login):
    measure, client, key = plans["measure"], login(clerk), uuid.uuid4()
    for _ in range(2):
        response = post(client, measure, key)
        assert response.status_code == 200
        assert response.json() == {"ok": True, "message": "进展已记入台账"}
    saved = ProgressReport.objects.get(measure=measure)
    assert saved.client_id == key and saved.attachments.count() == 1 and saved.created_by == clerk


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"date": (TODAY + timedelta(days=1)).isoformat()}, "日期不能晚于今天"),  # the service's rule
        ({"progress": "150"}, "当前进度（%）："),  # the form's check, naming its field
        ({"op": "nonsense"}, "无效的操作"),
    ],
)
def test_a_refused_report_gets_the_chinese_reason(plans, clerk, login, extra, reason):
    response = post(login(clerk), plans["measure"], uuid.uuid4(), **extra)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert reason in response.json()["message"]
    assert not ProgressReport.objects.exists()


def test_out_of_scope_and_without_the_right_the_queue_reads_why(plans, clerk, users, login):
    response = post(login(clerk), plans["other_measure"], uuid.uuid4())
    assert response.status_code == 404
    assert response.json() == {"ok": False, "message": "该记录不存在，或不在您的管辖范围内"}
    # The township sees the measure but does not keep the village's ledger.
    response = post(login(users["township"]), plans["measure"], uuid.uuid4())
    assert response.status_code == 403 and response.json()["message"] == "没有权限"
    assert not ProgressReport.objects.exists()


def test_the_page_without_the_queue_header_still_redirects(plans, clerk, login):
    key = uuid.uuid4()
    data = {"op": "report", "date": TODAY.isoformat(), "progress": 40, "text": "在线提交", "client_id": str(key)}
    response = login(clerk).post(reverse("planning:measure_detail", kwargs={"pk": plans["measure"].pk}), data)
    assert response.status_code == 302
    assert ProgressReport.objects.get().client_id == key


def test_a_record_sent_after_the_session_ended_is_sent_to_log_in_and_not_stored(plans, client):
    # The queue reads the redirect to the login page as "log in again" and keeps the record.
    response = post(client, plans["measure"], uuid.uuid4())
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not ProgressReport.objects.exists()
