from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.core.plugins import Card
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Matter
from lianxin.liaison.tests import factories as lf
from lianxin.orgs.models import Org
from lianxin.rhythm import services, tasks
from lianxin.rhythm.choices import BulletinStatus
from lianxin.rhythm.figures import compute, week_of
from lianxin.rhythm.models import Bulletin
from lianxin.rhythm.workbench import cards

pytestmark = pytest.mark.django_db


def monday():
    return week_of(timezone.localdate())[0]


def generate(user_or_actor, code=MENGZHOU, week=None, capture=None):
    actor = user_or_actor if isinstance(user_or_actor, Actor) else Actor(user=user_or_actor)
    with capture(execute=True):
        bulletin = services.request_bulletin(actor, Org.objects.get(code=code), week or monday())
    bulletin.refresh_from_db()
    return bulletin


def test_week_of_is_last_weeks_monday_to_sunday():
    from datetime import date

    assert week_of(date(2026, 11, 30)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week_of(date(2026, 12, 6)) == (date(2026, 11, 23), date(2026, 11, 29))


def test_figures_count_measures_per_township(users, plans):
    week = monday()
    figures = compute(Org.objects.get(code=MENGZHOU), week)
    xiguo = next(u for u in figures["units"] if u["code"] == XIGUO)
    assert xiguo["counts"]["plans"] == 1 and xiguo["counts"]["measures_due"] == 0
    assert figures["total"]["counts"]["plans"] == 2 and len(figures["units"]) == 11


def test_a_township_under_its_floor_is_red_and_sees_it(users, plans, django_capture_on_commit_callbacks):
    plan = plans["plan"]
    measure = plans["measure"]
    week = monday()
    type(measure).objects.filter(pk=measure.pk).update(deadline=week)  # due in the week, not done
    bulletin = generate(users["office"], capture=django_capture_on_commit_callbacks)
    assert bulletin.status == BulletinStatus.DONE and bulletin.percent == 100
    xiguo = next(u for u in bulletin.figures["units"] if u["code"] == XIGUO)
    assert xiguo["rates"]["on_time"] == 0.0 and xiguo["flags"]["on_time"] == "red"
    assert bulletin.red_codes == [XIGUO]
    assert plan.org.code.startswith(XIGUO)
    card = cards(users["township"], timezone.localdate())[:1]
    assert card == [
        Card("周通报亮红灯", 1, bulletin.get_absolute_url(), "danger", f"{bulletin.title} 西虢镇", "周通报")
    ]
    assert cards(users["neighbour"], timezone.localdate())[0].count == 0
    listed = _client(users["office"]).get(reverse("rhythm:bulletin_list") + "?red=true").content.decode()
    assert bulletin.title in listed
    assert (
        bulletin.title
        not in _client(users["office"]).get(reverse("rhythm:bulletin_list") + "?red=false").content.decode()
    )


def test_matters_closed_in_time_and_last_weeks_comparison(users, plans, django_capture_on_commit_callbacks):
    week = monday()
    earlier = generate(users["office"], week=week - timedelta(days=7), capture=django_capture_on_commit_callbacks)
    assert earlier.number == 1 and earlier.figures["has_previous"] is False
    in_time, late = lf.matter(code=XIGUO + "201"), lf.matter(code=XIGUO + "201", title="道路破损")
    closed = timezone.make_aware(datetime.combine(week + timedelta(days=2), time(12)))  # in the bulletin's week
    Matter.objects.filter(pk=in_time.pk).update(
        status=MatterStatus.CLOSED, closed_at=closed, deadline=week + timedelta(days=2)
    )
    Matter.objects.filter(pk=late.pk).update(
        status=MatterStatus.CLOSED, closed_at=closed, deadline=week - timedelta(days=20)
    )
    bulletin = generate(users["office"], capture=django_capture_on_commit_callbacks)
    assert bulletin.number == 2 and bulletin.figures["has_previous"] is True
    xiguo = next(u for u in bulletin.figures["units"] if u["code"] == XIGUO)
    assert xiguo["counts"]["matters_closed"] == 2 and xiguo["rates"]["in_time"] == 50.0
    assert xiguo["flags"]["in_time"] == "red" and xiguo["counts"]["closed_week"] == 2


def test_the_word_file_is_an_a4_official_bulletin(users, plans, django_capture_on_commit_callbacks):
    bulletin = generate(users["office"], capture=django_capture_on_commit_callbacks)
    response = _client(users["office"]).get(reverse("rhythm:bulletin_file", args=[bulletin.pk]))
    document = Document(BytesIO(b"".join(response.streaming_content)))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26
    texts = [p.text for p in document.paragraphs]
    assert "孟州市五星支部创建工作通报" in texts
    assert any("西虢镇" in cell.text for t in document.tables for cell in t._cells)
    title = next(p for p in document.paragraphs if p.text.startswith("五星支部创建工作进展情况通报"))
    assert (title.runs[0].font.size or title.style.font.size).pt == 22


def test_a_failed_bulletin_says_why_and_can_be_retried(users, plans, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks.figures, "compute", broken)
    bulletin = generate(users["office"], capture=django_capture_on_commit_callbacks)
    assert bulletin.status == BulletinStatus.FAILED and "RuntimeError" in bulletin.error
    page = _client(users["office"]).get(bulletin.get_absolute_url()).content.decode()
    assert "RuntimeError" in page and "重试" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(users["office"]).post(bulletin.get_absolute_url(), {"op": "retry"})
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DONE and bulletin.file


def test_the_office_generates_from_the_page_and_townships_cannot(users, plans, django_capture_on_commit_callbacks):
    client = _client(users["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rhythm:bulletin_create"), {"org": MENGZHOU, "week_start": monday().isoformat()})
    bulletin = Bulletin.objects.get()
    assert response["Location"] == bulletin.get_absolute_url()
    assert "各单位排名" in client.get(bulletin.get_absolute_url()).content.decode()
    assert _client(users["township"]).get(reverse("rhythm:bulletin_create")).status_code == 403
    assert _client(users["township"]).get(bulletin.get_absolute_url()).status_code == 200


def test_floors_are_set_per_county(users, plans, django_capture_on_commit_callbacks):
    client = _client(users["office"])
    floors = {"on_time_floor": 0, "in_time_floor": 92, "satisfaction_floor": 85, "coverage_floor": 0, "margin": 0}
    response = client.post(reverse("rhythm:floors", args=[MENGZHOU]), floors)
    assert response.status_code == 302
    measure = plans["measure"]
    type(measure).objects.filter(pk=measure.pk).update(deadline=monday())
    bulletin = generate(users["office"], capture=django_capture_on_commit_callbacks)
    assert bulletin.red_codes == [] and bulletin.figures["floors"]["on_time"] == 0


def _client(user):
    from lianxin.testing.auth import verified_client

    return verified_client(user)


def test_the_monday_command_queues_every_office_county(users, plans, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("weekly_bulletin", "--date", "2026-11-30", stdout=out)
    made = set(Bulletin.objects.values_list("org__code", "week_start", "status"))
    from datetime import date

    assert made == {(MENGZHOU, date(2026, 11, 23), "done"), ("410822", date(2026, 11, 23), "done")}
    assert "孟州市" in out.getvalue()


def test_the_demo_builds_a_year_of_bulletins_once(users, plans):
    from lianxin.rhythm import demo

    assert demo.load() == {"bulletins": 52, "meetings": 12, "tours": 4}
    assert demo.load() is None
    assert Bulletin.objects.filter(status="done").exclude(file="").count() == 52
    from lianxin.rhythm.models import Decision, DispatchMeeting

    assert DispatchMeeting.objects.count() == 12 and Decision.objects.filter(done_at__isnull=True).count() == 8
    latest = Bulletin.objects.order_by("-week_start").first()
    assert [d["holder"] for d in latest.figures["duties"] if d["state"] == "missed"] == ["组织部部长"]
