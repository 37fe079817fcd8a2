"""The project-list demo for 孟州市: a supply library of this year's and last year's funds from
five county departments (imported through the Excel importer), every township's demand list
(five needs each, across its villages and the stars), about half of them matched by the office
— some in part — and a few under way or completed with a photo as evidence. Everything goes
through the services (audited); idempotent: it runs once per database."""

import io
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lianxin.audit.services import Actor
from lianxin.core.changes import today
from lianxin.core.excel import workbook_bytes
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.projects import importer, services
from lianxin.projects.models import DemandProject, SupplyProject
from lianxin.standards.choices import Star

MENGZHOU = "410883"
FUNDS = [
    ("县农业农村局", "衔接推进乡村振兴补助资金", "产业发展", 600, "产业兴旺星"),
    ("县农业农村局", "高标准农田建设项目", "基础设施", 800, "产业兴旺星"),
    ("县住建局", "农村危房改造补助", "基础设施", 300, "生态宜居星"),
    ("县住建局", "传统村落保护资金", "人居环境", 200, "生态宜居星"),
    ("县财政局", "村级公益事业一事一议奖补", "公共服务", 400, ""),
    ("县财政局", "扶持村级集体经济发展资金", "产业发展", 500, "产业兴旺星"),
    ("县文广旅局", "村综合文化服务中心提升", "公共服务", 150, "文明幸福星"),
    ("县委组织部", "党群服务中心建设补助", "组织建设", 240, "支部过硬星"),
]
NEEDS = [
    ("村道硬化", Star.ECOLOGY, "道路通达"),
    ("文化广场建设", Star.CIVILITY, "文化阵地"),
    ("集体经济大棚", Star.INDUSTRY, "集体经济增收"),
    ("党群服务中心改造", Star.BRANCH, "阵地建设"),
    ("监控全覆盖", Star.SAFETY, "雪亮工程"),
    ("污水管网", Star.ECOLOGY, "污水治理"),
]


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")


def load() -> dict | None:
    county = Org.objects.filter(code=MENGZHOU).first()
    if county is None or SupplyProject.objects.filter(org=county).exists():
        return None
    actor, rng, year = Actor.system("load_demo"), random.Random(7), today().year
    rows = [[d, f, k, str(a), str(y), "星级创建重点村优先", s] for y in (year - 1, year) for d, f, k, a, s in FUNDS]
    importer.import_supply(actor, county, workbook_bytes([("Sheet1", importer.HEADER, rows)]))
    demands = _demands(actor, county, rng, year)
    matched = _match(actor, county, demands, rng)
    return {"supply_projects": len(rows), "demand_projects": len(demands), "allocations": matched}


def _demands(actor, county, rng, year) -> list[DemandProject]:
    made = []
    for township in Org.objects.filter(parent=county, kind=OrgKind.TOWNSHIP).order_by("code"):
        villages = list(Org.objects.filter(parent=township, kind__in=GRASSROOTS_KINDS).order_by("code")[:10])
        for title, star, item in rng.sample(NEEDS, 5) if villages else ():
            made.append(
                services.report_demand(
                    actor,
                    rng.choice(villages),
                    year=year,
                    title=title,
                    star=star,
                    work_item=item,
                    description=f"{title}，群众呼声高",
                    amount_asked=Decimal(rng.choice((20, 35, 50, 80))),
                    priority=rng.choice("123"),
                )
            )
    return made


def _match(actor, county, demands, rng) -> int:
    supplies = list(SupplyProject.objects.filter(org=county).order_by("-year", "id"))
    matched = 0
    for demand in demands[::2]:
        supply = next((s for s in supplies if s.star in (demand.star, "") and s.balance > 0), None)
        if supply is None:
            continue
        amount = min(supply.balance, demand.amount_asked if rng.random() < 0.7 else demand.amount_asked / 2)
        services.match(actor, demand, supply=supply, amount=amount, reason="服务星级创建，列入年度计划")
        supply.refresh_from_db()
        matched += 1
        demand.refresh_from_db()
        if matched % 3 == 0:
            services.report_progress(actor, demand, spent=demand.funded / 2, progress="已开工，完成过半")
        elif matched % 5 == 0:
            services.complete(actor, demand, spent=demand.funded, evidence=[_photo()])
    return matched
