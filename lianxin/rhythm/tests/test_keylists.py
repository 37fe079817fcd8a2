"""The key-matters lists in the weekly bulletin and in the dispatch meeting's reports."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, XIGUO
from lianxin.keymatters import services as keymatters
from lianxin.keymatters.tests import factories as kf
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch, documents, keylists, services
from lianxin.rhythm.figures import week_of
from lianxin.testing.auth import verified_client

pytestmark = pytest.mark.django_db

SYSTEM = Actor.system("tests")


def last_week():
    return week_of(timezone.localdate())[0]


def lists(monday):
    """西虢镇: two matters, one long overdue (a short list); 大定街道: four, one done in the week."""
    long_ago = monday - timedelta(days=60)
    kf.matter(XIGUO, "村集体经济增收", days=10, on=long_ago)
    kf.matter(XIGUO, "人居环境整治", days=90, on=long_ago)
    dading = kf.matters(DADING, 4, days=120, on=long_ago)
    keymatters.complete_matter(SYSTEM, dading[0], "已完成", on=monday + timedelta(days=2))


def generate(user, capture, week):
    with capture(execute=True):
        bulletin = services.request_bulletin(Actor(user=user), Org.objects.get(code=MENGZHOU), week)
    bulletin.refresh_from_db()
    return bulletin


def row(bulletin, code):
    return next(r for r in bulletin.figures["key_matters"] if r["code"] == code)


def test_the_bulletin_ranks_the_lists_and_flags_short_ones(users, django_capture_on_commit_callbacks):
    week = last_week()
    lists(week)
    earlier = generate(users["office"], django_capture_on_commit_callbacks, week - timedelta(days=7))
    assert row(earlier, DADING)["open"] == 4 and row(earlier, DADING)["change"] == {}
    bulletin = generate(users["office"], django_capture_on_commit_callbacks, week)
    xiguo, dading = row(bulletin, XIGUO), row(bulletin, DADING)
    assert (xiguo["open"], xiguo["overdue"], xiguo["done_week"], xiguo["short"]) == (2, 1, 0, 1)
    assert (dading["open"], dading["overdue"], dading["done_week"], dading["short"]) == (3, 0, 1, 0)
    assert dading["change"] == {"open": -1, "overdue": 0} and xiguo["change"] == {"open": 0, "overdue": 0}
    assert dading["rank"] == 1 and bulletin.figures["key_matters"][-1] == xiguo  # overdue ranks last
    page = verified_client(users["township"]).get(bulletin.get_absolute_url()).content.decode()
    assert "四、重点事项推进" in page and "西虢镇（2项）" in page and "西虢镇1项" in page
    response = verified_client(users["office"]).get(reverse("rhythm:bulletin_file", args=[bulletin.pk]))
    document = Document(BytesIO(b"".join(response.streaming_content)))
    assert "四、重点事项推进" in [p.text for p in document.paragraphs]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "排名" and t.rows[0].cells[2].text == "在推")
    assert [c.text for c in table.rows[1].cells[1:6]] == ["大定街道", "3", "0", "1", "—"]


def test_a_city_bulletin_sums_each_countys_lists(users):
    week = last_week()
    lists(week)
    rows = keylists.week_state(Org.objects.get(code=MENGZHOU[:4]), week, week + timedelta(days=6))
    mengzhou = next(r for r in rows if r["code"] == MENGZHOU)
    assert (mengzhou["open"], mengzhou["overdue"], mengzhou["done_week"]) == (5, 1, 1)
    assert mengzhou["lists"] == mengzhou["short"] + 1  # every keeper but 大定街道 is short
    assert all(len(r["code"]) == 6 for r in rows)


def test_an_old_bulletin_without_lists_says_so():
    assert keylists.section(None, per_county=False)["text"] == ["本期通报生成时尚未统计重点事项清单。"]


def test_each_units_report_carries_its_list_of_the_month(users):
    today = timezone.localdate()
    kf.matter(XIGUO, "村集体经济增收", days=5, on=today - timedelta(days=40))
    kf.matter(XIGUO, "人居环境整治", days=90, on=today)
    meeting = dispatch.create_meeting(
        Actor(user=users["office"]), Org.objects.get(code=MENGZHOU), day=today, title="月调度会", chair="李书记"
    )
    report = meeting.units.get(org__code=XIGUO).report
    assert "本月重点事项（2项）：" in report
    assert "1. 村集体经济增收（责任人张书记" in report and "已逾期" in report
    assert "2. 人居环境整治" in report and "推进中" in report
    assert "清单暂无事项" in meeting.units.get(org__code=DADING).report
    minutes = Document(BytesIO(documents.minutes_docx(meeting)))
    assert any(p.text.startswith("西虢镇：") and "2. 人居环境整治" in p.text for p in minutes.paragraphs)
