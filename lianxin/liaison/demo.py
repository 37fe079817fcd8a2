"""The 党群连心 demo for 孟州市, and the generator `make bench` uses at full scale.

Bulk rows (the registers' households, members and links, then 90 days of visits and matters)
are written with bulk_create and one summary audit event, as an import would; the showcase
state changes (consultations, escalations) go through the services and are audited one by one.
The board tells a story: 西虢镇 links every household and settles fast; 槐树乡 lags in coverage
with overdue matters. Cadres, their findings and weak branches are guidance's demo, loaded
first (liaison depends on guidance)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lianxin.audit.services import Actor, record
from lianxin.core.scope import prefix_q
from lianxin.liaison import services
from lianxin.liaison.choices import TIME_LIMIT_DAYS, Category, Level, MatterStatus, Satisfaction, StepKind, VisitWay
from lianxin.liaison.models import Consultation, Matter, MatterStep, ReturnVisit, Visit
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.registers import demo as registers_demo
from lianxin.registers.demo import MENGZHOU
from lianxin.registers.models import Household

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


def _share_linked(rng: random.Random):
    """The share of a village's households linked to a member, by the township's story."""

    def share(village: Org) -> float:
        township = village.code[:9]
        return 0.6 if township in LAGGING else 1.0 if township in LEADING else rng.uniform(0.82, 0.97)

    return share


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
    rolls = registers_demo.generate(
        rng,
        villages,
        households_per_village=households_per_village,
        members_per_village=members_per_village,
        share_linked=_share_linked(rng),
        today=today,
        batch=batch,
    )
    by_village_h, member_of = rolls.households, rolls.member_of
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
    answers: dict[int, str] = {}  # index in `matters` -> the household's answer when visited back
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
                resolution="已协调办理" if is_closed else "",
            )
        )
        if is_closed and closed_at + timedelta(days=3) < timezone.now():
            # The township's return visit a few days after closing; the latest ones still wait.
            answers[len(matters) - 1] = rng.choices(
                [Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED],
                [0.6, 0.25, 0.15] if lagging else [0.85, 0.12, 0.03],
            )[0]
    Matter.objects.bulk_create(matters, batch_size=batch)
    ReturnVisit.objects.bulk_create(
        (
            ReturnVisit(
                org=matters[i].org,
                matter=matters[i],
                date=timezone.localdate(matters[i].closed_at + timedelta(days=2)),
                way=VisitWay.PHONE,
                satisfaction=answer,
            )
            for i, answer in answers.items()
        ),
        batch_size=batch,
    )
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
    return {"villages": len(villages), **rolls.counts(), "visits": len(visits), "matters": len(matters)}


def load(actor: Actor | None = None) -> dict:
    """Idempotent: the bulk part runs once; the showcase part once per database."""
    actor = actor or Actor.system("load_demo")
    if not Org.objects.filter(code=MENGZHOU).exists():
        return {}
    result = {}
    if not Household.objects.filter(prefix_q(MENGZHOU, "org__code")).exists():
        result = generate(MENGZHOU, households_per_village=160, members_per_village=14, visits_total=45_000, seed=2023)
        record(
            actor,
            "liaison.demo.load",
            object_type="registers.household",
            object_repr="孟州市演示数据",
            org_code=MENGZHOU,
            after=result,
        )
    registers_demo.link_demo_member()
    if not Consultation.objects.filter(prefix_q(MENGZHOU, "org__code")).exists():
        _consultations_and_escalations(actor)
    if not Matter.objects.filter(prefix_q(MENGZHOU, "org__code"), unit__isnull=False).exists():
        _hand_to_units(actor)
    return result


# Matters the county hands to the responsible units that have demo logins (orgs.demo).
HANDED = [("市住房和城乡建设局", "排水"), ("市住房和城乡建设局", "路灯"), ("市农业农村局", "土地流转")]


def _hand_to_units(actor: Actor) -> None:
    """A few open matters escalated to the county and handed to a unit, so that `zhujianju` and
    `nongyeju` find work waiting."""
    for unit_name, words in HANDED:
        unit = Org.objects.filter(parent__code=MENGZHOU, name=unit_name).first()
        matter = (
            Matter.objects.filter(prefix_q(MENGZHOU, "org__code"), status=MatterStatus.OPEN, unit__isnull=True)
            .filter(title__contains=words)
            .order_by("pk")
            .first()
        )
        if unit is None or matter is None:
            continue
        while matter.level != Level.COUNTY:
            matter = services.escalate_matter(actor, matter, "本级协调未果，提请上级处理")
        services.assign_matter(actor, matter, unit=unit, note="请于时限内办结并反馈")


def _consultations_and_escalations(actor: Actor) -> None:
    """A few consultations, and some matters escalated through the services, so that their
    path is audited step by step."""
    rng = random.Random(46)
    today = timezone.localdate()
    villages = list(Org.objects.filter(prefix_q(MENGZHOU), kind=OrgKind.VILLAGE).order_by("code"))
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
    for matter in Matter.objects.filter(prefix_q(MENGZHOU, "org__code"), status=MatterStatus.OPEN, level=Level.VILLAGE)[
        :6
    ]:
        services.escalate_matter(actor, matter, "村级协调未果，提请乡镇处理")
