"""Demo rating data for 孟州市 and 中站区 (idempotent; called from lianxin.core.demo.load_demo).

- 2022 and 2023 results for 孟州市 and 中站区, bulk-inserted as result rows, consistent with
  the seed: 中站区 6 five-star, 10 four-star, three-star-and-above 76% of its branches in 2023
  (counts computed from the real number of its villages and communities); 孟州市 one
  five-star and four four-star per township (its declaration rule). One summary audit event
  records the bulk rows.
- A current-year round in 西虢镇 and 大定街道 with applications at every stage, made through
  the services, so that `xiguo`, `dading`, `zhuanban` (支部过硬星工作专班) and `mengzhou` have
  work waiting. 姚庄村 (user `yaozhuang`) is left untouched for a visitor (and the browser
  test) to walk the whole chain.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.audit.services import Actor, record
from lianxin.core.scope import prefix_q
from lianxin.orgs import rollups
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel, ancestor_code
from lianxin.orgs.demo import WEAK_BRANCHES
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.choices import ApplicationKind, ApplicationStatus, Decision, QuotaKind, RatingStatus
from lianxin.rating.models import Application, Publicity, RatingConfig, VillageRating
from lianxin.rating.rollups import RATINGS
from lianxin.rating.workdays import add_working_days
from lianxin.standards.choices import Star

MENGZHOU, ZHONGZHAN = "410883", "410803"
XIGUO, DADING = "410883105", "410883001"
FREE_VILLAGE = "410883105212"  # 姚庄村: no demo rows; its user `yaozhuang` (orgs.demo) applies from scratch
ACTOR = Actor.system("load_demo")
STARS = Star.values


def load(year: int | None = None) -> dict:
    year = year or timezone.localdate().year
    created = {"results": 0, "applications": 0}
    if not VillageRating.objects.filter(prefix_q(MENGZHOU, "org__code"), year=2023).exists():
        with transaction.atomic():
            created["results"] = _history()
    if not RatingConfig.objects.filter(org__code=MENGZHOU, year=year).exists():
        created["applications"] = _current_round(year)
    return created


def _stars_for(level: int, rng) -> set[str]:
    if not level:
        return set()
    return {Star.BRANCH.value, *rng.sample(STARS[1:], level - 1)}


def _rows(villages, levels: dict, year: int, rng) -> list[VillageRating]:
    now = timezone.now()
    rows = []
    for village in villages:
        level = levels.get(village.code, 0)
        if not level:
            continue
        stars = _stars_for(level, rng)
        rows.append(
            VillageRating(
                org=village,
                code=village.code,
                year=year,
                level=level,
                determined_level=level,
                determined_at=now,
                **{s: s in stars for s in STARS},
            )
        )
    return rows


def zhongzhan_levels(codes: list[str], rng, year: int) -> dict:
    """2023: 6 five-star, 10 four-star, three-star-and-above 76% (the seed); 2022 fewer."""
    n = len(codes)
    if year >= 2023:
        five, four, three_up = 6, 10, round(0.76 * n)
    else:
        five, four, three_up = 3, 7, round(0.55 * n)
    shuffled = rng.sample(codes, n)
    levels = {}
    for index, code in enumerate(shuffled):
        if index < five:
            levels[code] = 5
        elif index < five + four:
            levels[code] = 4
        elif index < three_up:
            levels[code] = 3
        else:
            levels[code] = rng.choice([0, 1, 2, 2])
    return levels


def mengzhou_levels(villages, rng, year: int) -> dict:
    """Per township one five-star and four four-star (2023; 2022 fewer), about half three-star."""
    by_township = {}
    for v in villages:
        by_township.setdefault(ancestor_code(v.code, OrgLevel.TOWNSHIP), []).append(v.code)
    levels = {}
    for codes in by_township.values():
        shuffled = rng.sample(codes, len(codes))
        fives, fours = (1, 4) if year >= 2023 else (0, 2)
        for index, code in enumerate(shuffled):
            if index < fives:
                levels[code] = 5
            elif index < fives + fours:
                levels[code] = 4
            else:
                levels[code] = rng.choices(
                    [3, 2, 1, 0], weights=[50, 25, 15, 10] if year >= 2023 else [30, 30, 25, 15]
                )[0]
    levels.pop(FREE_VILLAGE, None)
    for code in WEAK_BRANCHES:  # listed as weak this year: last year's result was low too
        levels[code] = min(levels.get(code, 0), 1)
    return levels


def _history() -> int:
    total = 0
    for code in (ZHONGZHAN, MENGZHOU):
        villages = list(Org.objects.filter(prefix_q(code), kind__in=GRASSROOTS_KINDS).order_by("code"))
        if not villages:
            continue
        for year in (2022, 2023):
            rng = random.Random(f"{code}-{year}")
            if code == ZHONGZHAN:
                levels = zhongzhan_levels([v.code for v in villages], rng, year)
            else:
                levels = mengzhou_levels(villages, rng, year)
            rows = _rows(villages, levels, year, rng)
            VillageRating.objects.bulk_create(rows, batch_size=1000)
            total += len(rows)
    # one downgrade, visible in the history: a 2023 four-star lowered after a complaint
    lowered = (
        VillageRating.objects.filter(prefix_q(MENGZHOU, "org__code"), year=2023, level=4).order_by("org__code").first()
    )
    if lowered:
        keep = lowered.stars[:3]
        for s in STARS:
            setattr(lowered, s, s in keep)
        lowered.level, lowered.status = 3, RatingStatus.LOWERED
        lowered.change_reason, lowered.changed_at = "发生重大信访事件，平安法治星不再保留", timezone.now()
        lowered.save()
    # The rows were bulk-created: count the rollups once, for the whole province.
    for year in (2022, 2023):
        rollups.refresh(RATINGS, Org.objects.get(code="41"), year, timezone.localdate())
    record(
        ACTOR,
        "rating.demo.load",
        object_repr="演示评星结果 2022—2023",
        org_code="4108",
        after={"results": total, "counties": [MENGZHOU, ZHONGZHAN]},
    )
    return total


def _village(code: str) -> Org:
    return Org.objects.select_related("parent").get(code=code)


def _apply(code: str, year: int, stars, **kwargs) -> Application:
    return services.create_application(
        ACTOR,
        _village(code),
        year,
        stars=list(stars),
        self_score=88,
        statement="按照创建标准逐项对照，台账齐全",
        **kwargs,
    )


def _submit(application) -> Application:
    return services.submit_application(ACTOR, application, without_evidence=True)


def _decide(application, decision=Decision.APPROVE, comment="", kinds=None, only_star=None):
    """Decide every pending step of the current stage (optionally one star only)."""
    for step in application.steps.filter(status="pending", round=application.round).order_by("star"):
        if only_star and step.star != only_star:
            continue
        services.review(
            ACTOR, step, decision, comment=comment or ("同意" if decision == Decision.APPROVE else "请补充")
        )
    application.refresh_from_db()
    return application


def _through(application, stages: int):
    for _ in range(stages):
        _decide(application)
    return application


@transaction.atomic
def _current_round(year: int) -> int:
    county = Org.objects.get(code=MENGZHOU)
    today = timezone.localdate()
    services.save_config(
        ACTOR, county, year, window_start=today - timedelta(days=60), window_end=today + timedelta(days=60)
    )
    for level, limit in ((5, 11), (4, 44), (3, 150)):
        services.set_quota(ACTOR, county, year, kind=QuotaKind.LEVEL, level=level, limit=limit)
    for star in STARS:
        services.set_quota(ACTOR, county, year, kind=QuotaKind.PROGRESS, star=star, limit=5)
    x = lambda n: f"{XIGUO}{n}"  # noqa: E731
    d = lambda n: f"{DADING}{n}"  # noqa: E731
    made = []
    made.append(_apply(x("202"), year, ["branch"]))  # draft
    made.append(_submit(_apply(x("203"), year, ["branch", "industry"])))  # waits for 西虢镇
    made.append(_submit(_apply(d("201"), year, ["branch", "civility"])))  # waits for 大定街道
    made.append(_through(_submit(_apply(x("204"), year, ["branch", "ecology", "safety"])), 1))  # waits for 专班
    made.append(_through(_submit(_apply(d("003"), year, ["branch"])), 1))  # waits for 支部过硬星专班
    made.append(_through(_submit(_apply(x("205"), year, ["branch", "industry", "ecology", "safety"])), 2))  # office
    returned = _submit(_apply(x("206"), year, ["branch", "industry"]))
    made.append(_decide(returned, Decision.RETURN, "三会一课记录不全，请补充会议记录照片后重新提交"))
    rejected = _through(_submit(_apply(x("207"), year, ["industry"])), 1)
    made.append(_decide(rejected, Decision.REJECT, "村集体经济收入未达到标准"))
    made.append(_through(_submit(_apply(x("208"), year, ["branch", "civility", "safety"])), 3))  # awaiting publicity
    made += _determined(county, year, [x("210"), d("004")])  # the first batch, publicised and over
    publicised = _through(_submit(_apply(x("209"), year, ["branch", "industry", "ecology", "safety", "civility"])), 3)
    services.start_publicity(ACTOR, county, year, [publicised])  # the service names it 第二批
    services.lodge_objection(
        Actor(user=None, ip="127.0.0.1", label="public"),
        publicised,
        content="该村产业项目尚未投产，建议核实产业兴旺星",
        name="群众",
    )
    made.append(publicised)
    return len(made)


def _determined(county: Org, year: int, codes) -> list[Application]:
    """Applications whose publicity period is already over, then determined by the service.
    The past publicity is written directly (the service refuses to backdate one)."""
    apps = [_through(_submit(_apply(code, year, ["branch", "industry", "civility", "safety"])), 3) for code in codes]
    start = timezone.localdate() - timedelta(days=21)
    publicity = Publicity.objects.create(
        org=county,
        year=year,
        title=services.publicity_title(county, year, 1),
        start_date=start,
        end_date=add_working_days(start, 5),
        working_days=5,
    )
    Application.objects.filter(pk__in=[a.pk for a in apps]).update(
        status=ApplicationStatus.PUBLICITY, publicity=publicity
    )
    for application in apps:
        services.determine(ACTOR, application)
    # the first gained stars over 2023: nominated for progress stars, waiting for the township
    gained = services.gained_stars(apps[0].org, year)
    if gained:
        nomination = _apply(codes[0], year, gained[:1], kind=ApplicationKind.PROGRESS)
        apps.append(_submit(nomination))
    return apps
