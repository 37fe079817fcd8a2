"""Test data made through the services, as a user's click would make it."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.audit.services import Actor
from lianxin.core.excel import workbook_bytes
from lianxin.orgs.models import Org
from lianxin.projects import importer, services
from lianxin.projects.models import SupplyProject
from lianxin.standards.choices import Star

SYSTEM = Actor.system("tests")
MENGZHOU, BOAI = "410883", "410822"
XIGUO, DADING = "410883105", "410883001"
XIGUO_VILLAGE, DADING_VILLAGE = "410883105201", "410883001002"


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def xlsx(rows, header=importer.HEADER) -> bytes:
    return workbook_bytes([("Sheet1", header, rows)])


def row(department="县农业农村局", fund="衔接资金", amount="100", year="2026", kind="产业发展", star="产业兴旺星"):
    return [department, fund, kind, amount, year, "薄弱村优先", star]


def supply(department="县农业农村局", fund="衔接资金", amount="100", county=MENGZHOU) -> SupplyProject:
    importer.import_supply(SYSTEM, org(county), xlsx([row(department, fund, amount)]))
    return SupplyProject.objects.get(org__code=county, department=department, fund_name=fund)


def demand(code=XIGUO_VILLAGE, title="村道硬化", amount="50", actor=SYSTEM, **extra):
    return services.report_demand(
        actor, org(code), year=2026, title=title, star=Star.ECOLOGY, amount_asked=Decimal(amount), **extra
    )


def upload(name="evidence.png"):
    from lianxin.testing.images import real_png

    return SimpleUploadedFile(name, real_png(20, 20), content_type="image/png")
