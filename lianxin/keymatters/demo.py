"""The key-matters demo for 孟州市: twelve months of lists for every township, task force,
responsible unit and the creation office. Each list starts the year with four matters; every
month one is done (it leaves the list the month after) and a new one enters, so the month view
shows carry-over, overdue and done matters, and a few units run short of three in the last
month. 迎秀社区's five-star breakthrough is the first matter on the creation office's list and
stays open. The office has reviewed each list of the last three months. Everything goes
through the services (audited); idempotent: it runs once per database."""

import random
from datetime import timedelta

from lianxin.audit.services import Actor
from lianxin.core.changes import today
from lianxin.keymatters import services
from lianxin.keymatters.choices import Grade
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.months import first_day, last_day, shift
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.standards.choices import Star

MENGZHOU = "410883"
YINGXIU = "410883001002"
SEED = "迎秀社区五星支部创建突破"
TOPICS = [
    ("村集体经济增收项目落地", Star.INDUSTRY),
    ("人居环境整治集中攻坚", Star.ECOLOGY),
    ("矛盾纠纷排查化解", Star.SAFETY),
    ("移风易俗红白理事会规范运行", Star.CIVILITY),
    ("软弱涣散支部整顿转化", Star.BRANCH),
    ("高标准农田建设", Star.INDUSTRY),
    ("农村污水管网改造", Star.ECOLOGY),
    ("信访积案清零", Star.SAFETY),
    ("新时代文明实践站提升", Star.CIVILITY),
    ("村级后备干部培养", Star.BRANCH),
    ("特色产业园区招商", Star.INDUSTRY),
    ("户厕改造问题整改", Star.ECOLOGY),
]
OWNERS = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]


def load() -> dict | None:
    units = list(
        Org.objects.filter(parent__code=MENGZHOU, kind__in=services.KEEPER_KINDS).exclude(kind=OrgKind.TOWNSHIP)
    ) + list(Org.objects.filter(parent__code=MENGZHOU, kind=OrgKind.TOWNSHIP))
    if not units or KeyMatter.objects.filter(org__in=units).exists():
        return None
    actor = Actor.system("load_demo")
    rng = random.Random(12)
    villages = _villages()
    start = shift(first_day(today()), -11)
    made = sum(_unit_year(actor, unit, start, villages, rng) for unit in units)
    _reviews(actor, units, start, rng)
    return {"key_matters": made}


def _villages() -> dict[str, list[Org]]:
    """Each township's villages, and the county's for the units serving all of it."""
    by_township: dict[str, list[Org]] = {}
    for village in Org.objects.filter(parent__parent__code=MENGZHOU, kind__in=GRASSROOTS_KINDS).select_related(
        "parent"
    ):
        by_township.setdefault(village.parent.code, []).append(village)
    by_township[MENGZHOU] = [v for vs in by_township.values() for v in vs]
    return by_township


def _add(actor, unit, title, star, on, villages, rng):
    return services.add_matter(
        actor,
        unit,
        title=title,
        owner=f"{rng.choice(OWNERS)}同志",
        deadline=on + timedelta(days=rng.choice((25, 45, 75, 120))),
        star=star,
        villages=rng.sample(villages, min(len(villages), rng.randint(1, 2))) if villages else (),
        on=on,
    )


def _unit_year(actor, unit, start, villages, rng) -> int:
    own = villages.get(unit.code if unit.kind == OrgKind.TOWNSHIP else MENGZHOU, [])
    topics = iter(rng.sample(TOPICS, len(TOPICS)) * 2)
    open_ = []
    if unit.kind == OrgKind.CREATION_OFFICE:
        services.add_matter(
            actor,
            unit,
            title=SEED,
            owner="创建办主任",
            deadline=last_day(shift(start, 12)),
            star=Star.BRANCH,
            villages=Org.objects.filter(code=YINGXIU),
            description="对标五星标准补齐短板，年内创成五星支部",
            on=start,
        )
    made = 0
    for _i in range(4):
        title, star = next(topics)
        open_.append(_add(actor, unit, title, star, start, own, rng))
        made += 1
    for m in range(12):
        month = shift(start, m)
        if month > today():
            break
        done_on = min(month + timedelta(days=19), today())
        matter = open_.pop(0)
        services.add_progress(actor, matter, "召开专题推进会，明确时间表", on=max(matter.entered_on, month))
        services.complete_matter(actor, matter, "已按期完成，群众满意", on=max(done_on, matter.entered_on))
        if m < 11 or rng.random() < 0.7:  # some lists run short in the last month
            title, star = next(topics)
            open_.append(_add(actor, unit, title, star, done_on, own, rng))
            made += 1
    return made


def _reviews(actor, units, start, rng) -> None:
    grades = [Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.FAIR]
    for m in (8, 9, 10):
        month = shift(start, m)
        for unit in units:
            services.review_list(
                actor, unit, month, grade=rng.choice(grades), comment="事项选题精准，推进有力，注意时限"
            )
