"""The guidance demo for 孟州市: 32 organisation cadres paired with 45 five-star, four-star and
weak branches (the seed), each township covered too; guidance findings in every state (open,
rectified, confirmed, returned); five weak branches, one delisted. Everything goes through the
services, so it is audited as a user's clicks would be. Idempotent: it runs once per database."""

import random
from datetime import timedelta

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.core.scope import prefix_q
from lianxin.guidance import services
from lianxin.guidance.choices import BranchCategory
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.demo import WEAK_BRANCHES
from lianxin.orgs.models import Org
from lianxin.registers.demo import GIVEN, MENGZHOU, SURNAMES
from lianxin.registers.models import Cadre
from lianxin.registers.services import create_cadre

UNITS = [
    "市委组织部组织一科",
    "市委组织部组织二科",
    "市委组织部干部科",
    "市委组织部远程教育中心",
    "市委组织部党员教育中心",
]
REASONS = [
    "班子软弱，书记长期不在村",
    "组织生活不正常，三会一课流于形式",
    "村务公开不及时，群众意见大",
    "集体经济薄弱，发展思路不清",
    "矛盾纠纷多发，信访问题突出",
]
PROBLEMS = [
    "党员活动室长期未开放",
    "三会一课记录不全",
    "发展党员程序不规范",
    "村务公开栏内容过期",
    "党员联户走访记录缺失",
    "集体经济台账不清",
    "矛盾纠纷排查不及时",
]


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("load_demo")
    mengzhou = Org.objects.filter(code=MENGZHOU).first()
    if mengzhou is None or Cadre.objects.filter(org=mengzhou).exists():
        return {}
    rng = random.Random(45)
    villages = list(Org.objects.filter(prefix_q(MENGZHOU), kind=OrgKind.VILLAGE).order_by("code"))
    # The weak branches first (orgs.demo names them, so the planning and rating demos leave them
    # out of every star candidacy), then 40 more for the cadres' areas and findings.
    weak = [v for v in villages if v.code in WEAK_BRANCHES]
    picked = weak + rng.sample([v for v in villages if v.code not in WEAK_BRANCHES], 45 - len(weak))
    cadres = [
        create_cadre(
            actor,
            mengzhou,
            name=f"{SURNAMES[i]}{GIVEN[i * 2 % len(GIVEN)]}{GIVEN[(i * 3 + 1) % len(GIVEN)]}",
            unit=UNITS[i % len(UNITS)],
            post="组工干部",
        )
        for i in range(32)
    ]
    _areas(actor, mengzhou, cadres, picked)
    _weak_branches(actor, cadres, picked[:5])
    _findings(actor, rng, cadres, picked)
    return {"cadres": len(cadres)}


def _areas(actor: Actor, mengzhou: Org, cadres, picked) -> None:
    year = timezone.localdate().year
    townships = list(Org.objects.filter(parent=mengzhou, kind=OrgKind.TOWNSHIP).order_by("code"))
    for i, township in enumerate(townships):
        services.assign_area(actor, cadres[i], township, year=year, category=BranchCategory.TOWNSHIP)
    categories = [BranchCategory.WEAK] * 5 + [BranchCategory.FIVE_STAR] * 15 + [BranchCategory.FOUR_STAR] * 25
    for i, (village, category) in enumerate(zip(picked, categories, strict=True)):
        services.assign_area(actor, cadres[i % 32], village, year=year, category=category)


def _weak_branches(actor: Actor, cadres, villages) -> None:
    year = timezone.localdate().year
    weak = [
        services.list_weak_branch(
            actor,
            village,
            year=year,
            reasons=REASONS[i],
            measures="选派第一书记，规范组织生活，建立问题清单逐项销号",
            cadre=cadres[i],
        )
        for i, village in enumerate(villages)
    ]
    services.delist_weak_branch(actor, weak[0], note="班子调整到位，组织生活规范，群众满意度达95%")


def _findings(actor: Actor, rng: random.Random, cadres, picked) -> None:
    """One guidance visit with one finding per picked branch; the findings cycle through open,
    rectified, confirmed and returned."""
    today = timezone.localdate()
    for i, village in enumerate(picked):
        day = today - timedelta(days=rng.randint(5, 80))
        deadline = day + timedelta(days=rng.choice((15, 30, 45)))
        visit = services.record_guidance(
            actor,
            cadres[i % 32],
            village,
            day=day,
            notes="实地查看阵地建设、台账资料，走访党员群众",
            findings=[(PROBLEMS[i % len(PROBLEMS)], deadline)],
        )
        finding = visit.findings.get()
        state = i % 4
        if state >= 1:
            services.rectify_finding(actor, finding, "已制定整改方案并落实，相关资料已补齐")
        if state == 2:
            services.confirm_finding(actor, finding)
        if state == 3:
            services.return_finding(actor, finding, "整改不彻底，请继续落实")
