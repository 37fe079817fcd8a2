"""Project-list pages, workbench cards and API: what a clerk clicks, through the services."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lianxin.projects import services
from lianxin.projects.choices import DemandStatus
from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.projects.tests import factories as f
from lianxin.projects.workbench import cards

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_office_imports_the_supply_library(login, users):
    client = login(users["office"])
    url = reverse("projects:supply_import", kwargs={"code": f.MENGZHOU})
    upload = SimpleUploadedFile("s.xlsx", f.xlsx([f.row(), f.row(fund="乙", amount="x")]))
    assert "第3行" in client.post(url, {"file": upload}).content.decode()
    assert not SupplyProject.objects.exists()
    upload = SimpleUploadedFile("s.xlsx", f.xlsx([f.row(), f.row(fund="乙")]))
    assert "新增 2" in client.post(url, {"file": upload}).content.decode()
    assert "衔接资金" in client.get(reverse("projects:supply_list") + "?unmatched=true").content.decode()


def test_township_reports_office_matches_township_completes(login, users):
    township, office = login(users["township"]), login(users["office"])
    village = f.org(f.XIGUO_VILLAGE)
    data = {"village": village.pk, "year": 2026, "title": "文化广场", "star": "civility", "amount_asked": "30"}
    data |= {"priority": "1", "photo": f.upload()}
    assert township.post(reverse("projects:demand_create"), data).status_code == 302
    demand = DemandProject.objects.get(title="文化广场")
    supply = f.supply(amount="20")
    page = demand.get_absolute_url()
    too_much = office.post(page, {"op": "match", "supply": supply.pk, "amount": "25", "reason": "x"})
    assert "超过该资金余额" in too_much.content.decode()
    office.post(page, {"op": "match", "supply": supply.pk, "amount": "20", "reason": "文明幸福星重点村"})
    township.post(page, {"op": "progress", "spent": "5", "progress": "已开工"})
    township.post(page, {"op": "complete", "spent": "19", "evidence": f.upload()})
    demand.refresh_from_db()
    assert (demand.status, demand.funded, demand.spent) == (DemandStatus.DONE, Decimal("20"), Decimal("19"))
    photo = demand.photos.filter(evidence=True).get()
    assert township.get(reverse("projects:photo", kwargs={"pk": photo.pk})).status_code == 200
    assert login(users["neighbour"]).get(page).status_code == 404


def test_totals_page_and_export(login, users):
    services.match(f.SYSTEM, f.demand(amount="30"), supply=f.supply(), amount=Decimal("30"), reason="x")
    client = login(users["office"])
    for by in ("township", "village", "star", "year", "source", "nonsense"):
        assert client.get(reverse("projects:totals") + f"?by={by}").status_code == 200
    assert "西虢镇" in client.get(reverse("projects:totals")).content.decode()
    export = client.get(reverse("projects:totals") + "?by=source&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_unmatched_lists_and_cards(users):
    f.demand()
    f.supply()
    office = {c.title: c for c in cards(users["office"], None)}
    assert office["待匹配资金的需求项目"].count == 1
    assert office["尚有余额的供给侧资金"].count == 1


def test_api_match(login, users):
    demand, supply = f.demand(amount="10"), f.supply(amount="5")
    client = login(users["office"])
    url = f"/api/v1/projects/demands/{demand.pk}/match/"
    refused = client.post(url, {"supply": supply.pk, "amount": "6", "reason": "x"}, content_type="application/json")
    assert refused.status_code == 400
    answer = client.post(url, {"supply": supply.pk, "amount": "5", "reason": "x"}, content_type="application/json")
    assert answer.status_code == 200
    assert login(users["township"]).get("/api/v1/projects/demands/").json()["count"] == 1
