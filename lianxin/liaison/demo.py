"""The 党群连心 demo for 孟州市, and the generator `make bench` uses at full scale.

Bulk rows (households, members, links, 90 days of visits and matters) are written with
bulk_create and one summary audit event, as an import would; the showcase state changes
(escalations, the finding loop, a delisting) go through the services and are audited one by
one. The board tells a story: 西虢镇 links every household and settles fast; 槐树乡 lags in
coverage with overdue matters; weak branches are being rectified; the organisation cadres'
findings are partly open, partly overdue, partly closed."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.accounts.models import User
from lianxin.audit.services import Actor, record
from lianxin.core.scope import prefix_q
from lianxin.liaison import services
from lianxin.liaison.choices import (
    TIME_LIMIT_DAYS,
    BranchCategory,
    Category,
    HouseholdTag,
    Level,
    MatterStatus,
    Satisfaction,
    StepKind,
    VisitWay,
)
from lianxin.liaison.models import (
    Cadre,
    Household,
    HouseholdLink,
    Matter,
    MatterStep,
    PartyMember,
    Visit,
)
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org

MENGZHOU = "410883"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国华明红梅丽军伟芳秀英志强桂兰玉兰海燕小平春花国庆利民德胜保国永刚淑珍金凤长青新民振华秋菊晓东"
RAISED = [
    (Category.LIVELIHOOD, "反映村道路灯不亮"),
    (Category.LIVELIHOOD, "想申请低保，询问条件"),
    (Category.ENVIRONMENT, "门前排水沟堵塞"),
    (Category.DISPUTE, "与邻居因宅基地边界有争议"),
    (Category.POLICY, "咨询城乡居民医保缴费"),
    (Category.SUGGESTION, "建议村里增设健身器材"),
    (Category.LIVELIHOOD, "自来水水压低"),
    (Category.ENVIRONMENT, "垃圾清运不及时"),
    (Category.POLICY, "咨询养老金领取认证"),
    (Category.DISPUTE, "土地流转租金未按时支付"),
]
# Coverage and pace by township, so the board has something to say.
LAGGING = {"410883201"}  # 槐树乡: coverage 60%, slow and often overdue
LEADING = {"410883105"}  # 西虢镇: every household linked, settled in a day or two


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def generate(
    prefix: str,
    *,
    households_per_village: int,
    members_per_village: int,
    visits_total: int,
    seed: int = 7,
    days: int = 90,
    today: date | None = None,
    batch: int = 5000,
) -> dict:
    """Households, members, links, visits and matters for every village under `prefix`."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    villages = list(Org.objects.filter(prefix_q(prefix), kind__in=GRASSROOTS_KINDS).order_by("code"))
    if not villages:
        return {}
    households: list[Household] = []
    members: list[PartyMember] = []
    for village in villages:
        n_h = max(20, int(rng.gauss(households_per_village, households_per_village * 0.25)))
        n_m = max(3, int(n_h * members_per_village / households_per_village))
        for i in range(n_h):
            households.append(
                Household(
                    org=village,
                    number=f"{i + 1:04d}",
                    head_name=_name(rng),
                    size=rng.choice((1, 2, 3, 3, 4, 4, 5, 6)),
                    group=f"{rng.randint(1, 8)}组",
                    address=f"{village.short_name}{rng.randint(1, 8)}组{rng.randint(1, 99)}号",
                    phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    tags=rng.choice(
                        [
                            "",
                            "",
                            "",
                            "",
                            "",
                            HouseholdTag.LOW_INCOME,
                            HouseholdTag.ELDERLY_ALONE,
                            HouseholdTag.OUT_OF_POVERTY,
                        ]
                    ),
                )
            )
        for i in range(n_m):
            age = rng.choice((rng.randint(22, 34), rng.randint(35, 60), rng.randint(60, 85)))
            members.append(
                PartyMember(
                    org=village,
                    name=_name(rng) + (str(i) if rng.random() < 0.02 else ""),
                    gender=rng.choice("MMMF"),
                    birth_date=date(today.year - age, rng.randint(1, 12), rng.randint(1, 28)) + timedelta(days=i % 3),
                    joined_on=date(today.year - rng.randint(1, max(2, age - 20)), rng.randint(1, 12), 1),
                    post=rng.choice(["党员", "党员", "党员", "支部委员", "村民组长"]),
                    mobile=f"15{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                )
            )
    with transaction.atomic():
        Household.objects.bulk_create(households, batch_size=batch)
        PartyMember.objects.bulk_create(members, batch_size=batch, ignore_conflicts=False)
    by_village_h: dict[int, list[Household]] = {}
    for h in households:
        by_village_h.setdefault(h.org_id, []).append(h)
    by_village_m: dict[int, list[PartyMember]] = {}
    for m in members:
        by_village_m.setdefault(m.org_id, []).append(m)
    links, member_of = [], {}
    for village in villages:
        township = village.code[:9]
        share = 0.6 if township in LAGGING else 1.0 if township in LEADING else rng.uniform(0.82, 0.97)
        hs, ms = by_village_h.get(village.pk, []), by_village_m.get(village.pk, [])
        for i, h in enumerate(hs[: int(len(hs) * share)]):
            m = ms[i % len(ms)]
            links.append(HouseholdLink(org=village, member=m, household=h, linked_on=today - timedelta(days=120)))
            member_of[h.pk] = m
    HouseholdLink.objects.bulk_create(links, batch_size=batch)
    # Visits: spread over `days`, weighted by the township's pace; ~6% raise a matter.
    weights = [0.4 if v.code[:9] in LAGGING else 1.4 if v.code[:9] in LEADING else 1.0 for v in villages]
    total_w = sum(w * len(by_village_h.get(v.pk, [])) for v, w in zip(villages, weights, strict=True))
    visits, matter_specs = [], []
    for village, w in zip(villages, weights, strict=True):
        hs = by_village_h.get(village.pk, [])
        n = int(visits_total * w * len(hs) / total_w) if total_w else 0
        for _ in range(n):
            h = hs[rng.randrange(len(hs))]
            day = today - timedelta(days=min(days - 1, int(rng.expovariate(1 / 30))))
            raised = rng.random() < 0.06
            cat, text = rng.choice(RAISED) if raised else ("", "")
            visits.append(
                Visit(
                    org=village,
                    household=h,
                    member=member_of.get(h.pk),
                    date=day,
                    way=rng.choice((VisitWay.DOOR, VisitWay.DOOR, VisitWay.DOOR, VisitWay.PHONE, VisitWay.WECHAT)),
                    raised=text,
                    category=cat,
                )
            )
            if raised:
                matter_specs.append((village, h, day, cat, text))
    for start in range(0, len(visits), batch):
        Visit.objects.bulk_create(visits[start : start + batch], batch_size=batch)
    matters = []
    for village, h, day, cat, text in matter_specs:
        lagging = village.code[:9] in LAGGING
        reported = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 18), rng.randint(0, 59))), tz)
        level = Level.VILLAGE
        roll = rng.random()
        if roll < 0.12:
            level = Level.TOWNSHIP
        elif roll < 0.15:
            level = Level.COUNTY
        duration = rng.uniform(0.3, 3) if village.code[:9] in LEADING else rng.uniform(1, 12 if lagging else 6)
        if level != Level.VILLAGE:
            duration += rng.uniform(3, 15)
        closed_at = reported + timedelta(days=duration)
        is_closed = closed_at < timezone.now() and rng.random() > (0.35 if lagging else 0.08)
        level_start = day + timedelta(days=2 if level != Level.VILLAGE else 0)
        matters.append(
            Matter(
                org=village,
                household=h,
                title=text,
                description=text,
                category=cat,
                level=level,
                status=MatterStatus.CLOSED if is_closed else MatterStatus.OPEN,
                reported_at=reported,
                escalated_at=reported + timedelta(days=2) if level != Level.VILLAGE else None,
                deadline=level_start + timedelta(days=TIME_LIMIT_DAYS[level]),
                closed_at=closed_at if is_closed else None,
                resolution="已办理并回访" if is_closed else "",
                satisfaction=rng.choices(
                    [Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED],
                    [0.6, 0.25, 0.15] if lagging else [0.85, 0.12, 0.03],
                )[0]
                if is_closed
                else "",
            )
        )
    Matter.objects.bulk_create(matters, batch_size=batch)
    steps = []
    for m in matters:
        steps.append(
            MatterStep(matter=m, kind=StepKind.REPORT, level=Level.VILLAGE, note=m.description, at=m.reported_at)
        )
        if m.level != Level.VILLAGE:
            steps.append(
                MatterStep(
                    matter=m, kind=StepKind.ESCALATE, level=Level.TOWNSHIP, note="村级无法解决", at=m.escalated_at
                )
            )
        if m.level == Level.COUNTY:
            steps.append(
                MatterStep(matter=m, kind=StepKind.ESCALATE, level=Level.COUNTY, note="涉及县直部门", at=m.escalated_at)
            )
        if m.closed_at:
            steps.append(MatterStep(matter=m, kind=StepKind.CLOSE, level=m.level, note=m.resolution, at=m.closed_at))
    MatterStep.objects.bulk_create(steps, batch_size=batch)
    services.rebuild_summaries(prefix)
    return {
        "villages": len(villages),
        "households": len(households),
        "members": len(members),
        "links": len(links),
        "visits": len(visits),
        "matters": len(matters),
    }


def load(actor: Actor | None = None) -> dict:
    """Idempotent: the bulk part runs once; the showcase records are found by name."""
    actor = actor or Actor.system("load_demo")
    mengzhou = Org.objects.filter(code=MENGZHOU).first()
    if mengzhou is None:
        return {}
    result = {}
    if not Household.objects.filter(prefix_q(MENGZHOU, "org__code")).exists():
        result = generate(MENGZHOU, households_per_village=160, members_per_village=14, visits_total=45_000, seed=2023)
        record(
            actor,
            "liaison.demo.load",
            object_type="liaison.household",
            object_repr="孟州市演示数据",
            org_code=MENGZHOU,
            after=result,
        )
    _link_demo_member()
    if not Cadre.objects.filter(org=mengzhou).exists():
        _cadres_and_branches(actor, mengzhou)
    return result


def _link_demo_member() -> None:
    """The demo party member (dangyuan, 迎秀社区) is one of the branch's members."""
    user = User.objects.filter(username="dangyuan").first()
    if user is None or PartyMember.objects.filter(user=user).exists():
        return
    member = PartyMember.objects.filter(org__code="410883001002", links__isnull=False).order_by("pk").first()
    if member is not None:
        PartyMember.objects.filter(pk=member.pk).update(user=user, name="迎秀党员")


def _cadres_and_branches(actor: Actor, mengzhou: Org) -> None:
    """32 organisation cadres paired with 45 five-star, four-star and weak branches (the seed),
    each township covered too; guidance findings in every state; weak branches, one delisted;
    a few consultations; some matters escalated through the services."""
    rng = random.Random(45)
    today = timezone.localdate()
    year = today.year
    townships = list(Org.objects.filter(parent=mengzhou, kind=OrgKind.TOWNSHIP).order_by("code"))
    villages = list(Org.objects.filter(prefix_q(MENGZHOU), kind=OrgKind.VILLAGE).order_by("code"))
    picked = rng.sample(villages, 45)
    categories = [BranchCategory.WEAK] * 5 + [BranchCategory.FIVE_STAR] * 15 + [BranchCategory.FOUR_STAR] * 25
    units = [
        "市委组织部组织一科",
        "市委组织部组织二科",
        "市委组织部干部科",
        "市委组织部远程教育中心",
        "市委组织部党员教育中心",
    ]
    cadres = [
        services.create_cadre(
            actor,
            mengzhou,
            name=f"{SURNAMES[i]}{GIVEN[i * 2 % len(GIVEN)]}{GIVEN[(i * 3 + 1) % len(GIVEN)]}",
            unit=units[i % len(units)],
            post="组工干部",
        )
        for i in range(32)
    ]
    for i, township in enumerate(townships):
        services.assign_area(actor, cadres[i], township, year=year, category=BranchCategory.TOWNSHIP)
    for i, (village, category) in enumerate(zip(picked, categories, strict=True)):
        services.assign_area(actor, cadres[i % 32], village, year=year, category=category)
    reasons = [
        "班子软弱，书记长期不在村",
        "组织生活不正常，三会一课流于形式",
        "村务公开不及时，群众意见大",
        "集体经济薄弱，发展思路不清",
        "矛盾纠纷多发，信访问题突出",
    ]
    weak = []
    for i, village in enumerate(picked[:5]):
        weak.append(
            services.list_weak_branch(
                actor,
                village,
                year=year,
                reasons=reasons[i],
                measures="选派第一书记，规范组织生活，建立问题清单逐项销号",
                cadre=cadres[i],
            )
        )
    services.delist_weak_branch(actor, weak[0], note="班子调整到位，组织生活规范，群众满意度达95%")
    problems = [
        "党员活动室长期未开放",
        "三会一课记录不全",
        "发展党员程序不规范",
        "村务公开栏内容过期",
        "党员联户走访记录缺失",
        "集体经济台账不清",
        "矛盾纠纷排查不及时",
    ]
    for i, village in enumerate(picked):
        day = today - timedelta(days=rng.randint(5, 80))
        deadline = day + timedelta(days=rng.choice((15, 30, 45)))
        visit = services.record_guidance(
            actor,
            cadres[i % 32],
            village,
            day=day,
            notes="实地查看阵地建设、台账资料，走访党员群众",
            findings=[(problems[i % len(problems)], deadline)],
        )
        finding = visit.findings.get()
        state = i % 4
        if state >= 1:
            services.rectify_finding(actor, finding, "已制定整改方案并落实，相关资料已补齐")
        if state == 2:
            services.confirm_finding(actor, finding)
        if state == 3:
            services.return_finding(actor, finding, "整改不彻底，请继续落实")
    for village in villages[::7]:
        open_matters = list(Matter.objects.filter(org=village, status=MatterStatus.OPEN)[:2])
        services.create_consultation(
            actor,
            village,
            day=today - timedelta(days=rng.randint(0, 25)),
            topic="研究群众反映的急难愁盼问题",
            attendees="支部委员、村民代表、联户党员",
            decisions="明确责任人和完成时限，办结后回访",
            matters=open_matters,
            follow_ups=[("逐户回访反映问题的群众", "支部书记", today + timedelta(days=rng.randint(-5, 20)))],
        )
    # A few matters move up through the services, so their path is audited step by step.
    for matter in Matter.objects.filter(prefix_q(MENGZHOU, "org__code"), status=MatterStatus.OPEN, level=Level.VILLAGE)[
        :6
    ]:
        services.escalate_matter(actor, matter, "村级协调未果，提请乡镇处理")
