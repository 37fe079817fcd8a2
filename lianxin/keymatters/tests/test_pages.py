"""Key-matters pages, workbench cards and API: what a clerk clicks, through the same services."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter, ListReview
from lianxin.keymatters.tests import factories as f
from lianxin.keymatters.workbench import cards
from lianxin.orgs.choices import OrgKind

pytestmark = pytest.mark.django_db


def test_township_enters_a_matter_and_a_seventh_is_refused_on_the_form(login, users):
    client = login(users["township"])
    data = {"unit": f.org(f.XIGUO).pk, "title": "道路硬化", "owner": "王", "deadline": "2099-01-01"}
    response = client.post(reverse("keymatters:matter_create"), data)
    assert response.status_code == 302
    f.matters(f.XIGUO, 5)
    response = client.post(reverse("keymatters:matter_create"), data | {"title": "第七项"})
    assert response.status_code == 200
    assert "最多 6 项" in response.content.decode()
    assert not KeyMatter.objects.filter(title="第七项").exists()


def test_the_form_offers_only_the_units_the_user_keeps(login, users):
    response = login(users["township"]).get(reverse("keymatters:matter_create"))
    form = response.context["form"]
    assert [u.code for u in form.fields["unit"].queryset] == [f.XIGUO]


def test_progress_and_completion_on_the_matter_page(login, users):
    matter = f.matter(f.XIGUO)
    client = login(users["township"])
    client.post(matter.get_absolute_url(), {"op": "progress", "text": "已开推进会"})
    client.post(matter.get_absolute_url(), {"op": "complete", "note": "完成"})
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DONE
    assert "已开推进会" in client.get(matter.get_absolute_url()).content.decode()
    # the neighbour township cannot see it at all
    assert login(users["neighbour"]).get(matter.get_absolute_url()).status_code == 404


def test_month_list_and_export(login, users):
    f.matter(f.XIGUO, "十月事项", on=date(2026, 10, 3))
    client = login(users["office"])
    page = client.get(reverse("keymatters:matter_list") + "?month=2026-10").content.decode()
    assert "十月事项" in page
    assert "十月事项" not in client.get(reverse("keymatters:matter_list") + "?month=2026-09").content.decode()
    assert client.get(reverse("keymatters:matter_list") + "?month=bad").status_code == 200
    export = client.get(reverse("keymatters:matter_list") + "?month=2026-10&export=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_month_view_flags_short_lists_and_the_office_reviews(login, users):
    f.matters(f.XIGUO, 3)
    f.matter(f.DADING)
    client = login(users["office"])
    month = timezone.localdate().replace(day=1)
    short = client.get(reverse("keymatters:month") + f"?month={month:%Y-%m}&short=true&kind=township")
    names = [row.record.code for row in short.context["table"].rows]
    assert f.DADING in names and f.XIGUO not in names
    assert "不足3项" in short.content.decode() and "点评" in short.content.decode()
    export = client.get(reverse("keymatters:month") + f"?month={month:%Y-%m}&kind=township&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    url = reverse("keymatters:review", kwargs={"code": f.DADING}) + f"?month={month:%Y-%m}"
    response = client.post(url, {"month": f"{month:%Y-%m}", "grade": "fair", "comment": "事项不足3项"})
    assert response.status_code == 302
    assert ListReview.objects.get(org__code=f.DADING, month=month).grade == "fair"
    assert login(users["township"]).post(url, {"month": "2026-10", "grade": "good", "comment": "x"}).status_code == 403


def test_workbench_cards_for_a_unit_and_the_office(users):
    force = f.unit()
    keeper = f.keeper("zb", Role.TASK_FORCE, force)
    f.matter(force, "项目谋划", on=timezone.localdate() - timedelta(days=40), days=10)
    today = timezone.localdate()
    mine = {c.title: c for c in cards(keeper, today)}
    assert mine["项目建设工作专班 重点事项不足3项"].count == 1
    office = {c.title: c for c in cards(users["office"], today)}
    assert office["超期未办结的重点事项"].count == 1
    assert office["重点事项不足3项的单位"].count >= 1


def test_workbench_cards_take_a_fixed_number_of_queries(users):
    today = timezone.localdate()
    cards(users["office"], today)
    with CaptureQueriesContext(connection) as few:
        cards(users["office"], today)
    for name in ("产业兴旺星工作专班", "生态宜居星工作专班"):
        f.matters(f.unit(OrgKind.TASK_FORCE, name), 2)
    with CaptureQueriesContext(connection) as more:
        cards(users["office"], today)
    assert len(few) == len(more)


def test_api_lists_a_month_and_a_keeper_completes(login, users):
    matter = f.matter(f.XIGUO, on=date(2026, 10, 3))
    f.matter(f.DADING)
    client = login(users["township"])
    assert client.get("/api/v1/keymatters/matters/").json()["count"] == 1
    assert client.get("/api/v1/keymatters/matters/?month=2026-09").json()["count"] == 0
    url = f"/api/v1/keymatters/matters/{matter.pk}/complete/"
    answer = client.post(url, {"text": "完成"}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "done"
    again = client.post(url, {"text": "完成"}, content_type="application/json")
    assert again.status_code == 400 and "已办结" in again.json()["detail"][0]
