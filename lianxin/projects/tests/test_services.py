"""The project list's rules: supply imported all or nothing, demands reported by townships,
allocations never over a supply's balance nor over what a demand lacks, progress and completion
with evidence, and the totals."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.core.imports import RowErrors
from lianxin.projects import importer, services
from lianxin.projects.choices import DemandStatus
from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.projects.tests import factories as f
from lianxin.projects.totals import totals

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_supply_import_is_all_or_nothing_and_idempotent(users):
    office, county = Actor(users["office"]), f.org(f.MENGZHOU)
    bad = f.xlsx([f.row(fund="甲"), f.row(fund="乙", amount="很多"), f.row(fund="丙", kind="不知道")])
    with pytest.raises(RowErrors) as refused:
        importer.import_supply(office, county, bad)
    assert refused.value.errors[0].startswith("第3行 金额（万元）")
    assert refused.value.errors[1].startswith("第4行 类型")
    assert not SupplyProject.objects.exists()
    good = f.xlsx([f.row(fund="甲"), f.row(department="县住建局", fund="乙", amount="80", kind="基础设施", star="")])
    assert importer.import_supply(office, county, good).created == 2
    again = importer.import_supply(office, county, good)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.filter(action="projects.supply.import").count() == 2
    with pytest.raises(PermissionDenied):
        importer.import_supply(Actor(users["township"]), county, good)


def test_an_import_cannot_bring_a_fund_below_what_is_matched(users):
    supply = f.supply(amount="100")
    services.match(f.SYSTEM, f.demand(amount="80"), supply=supply, amount=Decimal("60"), reason="急需")
    with pytest.raises(RowErrors) as refused:
        importer.import_supply(f.SYSTEM, f.org(f.MENGZHOU), f.xlsx([f.row(amount="50")]))
    assert "不能低于已匹配的 60" in refused.value.errors[0]


def test_matching_takes_partial_amounts_and_never_more_than_the_balance(users):
    office = Actor(users["office"])
    supply = f.supply(amount="100")
    first, second = f.demand(amount="70"), f.demand(f.DADING_VILLAGE, "广场", amount="50")
    services.match(office, first, supply=supply, amount=Decimal("70"), reason="五星创建重点村")
    with pytest.raises(ValidationError) as refused:
        services.match(office, second, supply=supply, amount=Decimal("40"), reason="x")
    assert "超过该资金余额 30.00 万元" in refused.value.messages[0]
    services.match(office, second, supply=supply, amount=Decimal("30"), reason="余额全部")
    supply.refresh_from_db()
    second.refresh_from_db()
    assert (supply.allocated, supply.balance) == (Decimal("100"), Decimal("0"))
    assert (second.funded, second.status, second.shortfall) == (Decimal("30"), DemandStatus.MATCHED, Decimal("20"))


def test_a_demand_gets_no_more_than_it_lacks_and_only_from_its_county(users):
    with pytest.raises(ValidationError):
        services.match(f.SYSTEM, f.demand(amount="10"), supply=f.supply(), amount=Decimal("20"), reason="x")
    boai = f.supply(county=f.BOAI)
    with pytest.raises(ValidationError):
        services.match(f.SYSTEM, f.demand(), supply=boai, amount=Decimal("1"), reason="x")
    with pytest.raises(Http404):
        services.match(Actor(users["office"]), f.demand(), supply=boai, amount=Decimal("1"), reason="x")


def test_townships_report_their_own_villages_only(users):
    township = Actor(users["township"])
    made = f.demand(actor=township, photos=[f.upload()])
    assert made.photos.count() == 1
    with pytest.raises(Http404):
        f.demand(f.DADING_VILLAGE, actor=township)
    with pytest.raises(ValidationError):
        services.report_demand(township, f.org(f.XIGUO), year=2026, title="x", star="branch", amount_asked=Decimal(1))


def test_progress_then_completion_with_evidence(users):
    township = Actor(users["township"])
    demand = f.demand(amount="50")
    with pytest.raises(ValidationError):  # nothing matched yet
        services.report_progress(township, demand, spent=Decimal("0"), progress="开工")
    services.match(f.SYSTEM, demand, supply=f.supply(), amount=Decimal("50"), reason="x")
    with pytest.raises(ValidationError):
        services.report_progress(township, demand, spent=Decimal("60"), progress="超支")
    services.report_progress(township, demand, spent=Decimal("20"), progress="路基完成")
    with pytest.raises(ValidationError):
        services.complete(township, demand, spent=Decimal("50"), evidence=[])
    done = services.complete(township, demand, spent=Decimal("48"), evidence=[f.upload()])
    assert (done.status, done.spent) == (DemandStatus.DONE, Decimal("48"))
    assert done.photos.filter(evidence=True).count() == 1


def test_totals_by_township_star_and_source(users):
    supply = f.supply(amount="100")
    f.supply("县住建局", "危房改造", amount="40")
    services.match(f.SYSTEM, f.demand(amount="30"), supply=supply, amount=Decimal("30"), reason="x")
    f.demand(f.DADING_VILLAGE, amount="20")
    demands, supplies = DemandProject.objects.all(), SupplyProject.objects.all()
    by_township = {r[0]: r[1:] for r in totals(demands, supplies, "township")}
    assert by_township["西虢镇"] == [1, Decimal("30"), Decimal("30"), Decimal("0")]
    assert by_township["大定街道"][2] == Decimal("0")
    assert totals(demands, supplies, "star")[0][0] == "生态宜居星"
    by_source = {r[0]: r[1:] for r in totals(demands, supplies, "source")}
    assert by_source["县农业农村局"] == [1, Decimal("100"), Decimal("30"), Decimal("70")]


def test_the_demo_loads_once(users):
    from lianxin.projects import demo

    loaded = demo.load()
    assert loaded["supply_projects"] == 16 and loaded["demand_projects"] == 55 and loaded["allocations"] > 10
    assert demo.load() is None
    assert SupplyProject.objects.values("department").distinct().count() == 5
    assert DemandProject.objects.filter(status=DemandStatus.DONE).exists()
