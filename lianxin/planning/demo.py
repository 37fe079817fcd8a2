"""Demo plans for 孟州市's 289 villages and a full plan for 钟庄村, so that the battle map
tells a story: most measures done or moving, a few overdue, every plan state present.

Demo rows are made in bulk (thousands of measures), then each village's summary row is
recomputed by the same function the services use, and one audit event records the load,
as the division importer does."""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from lianxin.audit.services import Actor, record
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.demo import WEAK_BRANCHES
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.choices import PlanStatus, ReviewStatus
from lianxin.planning.models import (
    CreationPlan,
    DeclarationRule,
    Measure,
    PlanStar,
    ProgressReport,
    ReportAttachment,
    SelfAssessment,
    TownshipDeclaration,
)
from lianxin.standards.choices import Star
from lianxin.standards.models import Standard, WorkItem
from lianxin.standards.services import load_sample

MENGZHOU = "410883"
# The demo village user's own plan starts as an empty draft aiming at one star, so that a
# visitor (and the browser test) can walk the whole workflow from there.
FRESH_DRAFT = "410883001002"  # 迎秀社区
ZHONGZHUANG = "410822203204"  # 博爱县金城乡钟庄村: the seed's full 29-task ledger
LEADERS = ["王建国", "李红梅", "张志强", "刘秀英", "陈国平", "杨晓东", "赵丽娟", "孙卫东"]
POSTS = ["党支部书记", "村委会主任", "支部委员", "村务监督委员会主任", "驻村第一书记"]
ACTIONS = ["推进", "完成", "落实", "组织开展", "建设"]


def load(year: int | None = None) -> dict:
    year = year or timezone.localdate().year
    actor = Actor.system("load_demo")
    province = Org.objects.get(code="41")
    standard = Standard.objects.filter(org=province, year=year).first() or load_sample(actor, province, year)
    if CreationPlan.objects.filter(prefix_q(MENGZHOU, "org__code"), year=year).exists():
        return {"plans_created": 0, "files_added": _ledger_files(year)}
    with transaction.atomic():
        rng = random.Random(year)
        items = list(WorkItem.objects.filter(key_task__standard=standard).select_related("key_task"))
        villages = list(Org.objects.filter(prefix_q(MENGZHOU), kind__in=GRASSROOTS_KINDS).order_by("code"))
        levels = _target_levels(villages, rng)
        levels[FRESH_DRAFT] = 1
        plans = [_plan(v, year, standard, levels[v.code], rng) for v in villages]
        zhongzhuang = Org.objects.filter(code=ZHONGZHUANG).first()
        if zhongzhuang:
            plans.append(_full_plan(zhongzhuang, year, standard, items))
        _measures(plans, items, year, rng)
        for plan in plans:
            services.refresh_summary(plan)
        _declarations(actor, year, levels)
        record(
            actor,
            "planning.demo.load",
            object_repr=f"演示规划 {year}",
            org_code=MENGZHOU,
            after={"plans": len(plans), "measures": Measure.objects.filter(plan__in=plans).count()},
        )
    return {"plans_created": len(plans), "files_added": _ledger_files(year)}


def _target_levels(villages, rng) -> dict:
    """Per township: one five-star, four four-star, the rest three stars or fewer (Mengzhou)."""
    levels, by_township = {}, {}
    for village in villages:
        if village.code in WEAK_BRANCHES:
            levels[village.code] = 0  # under rectification: no star is a target this year
            continue
        by_township.setdefault(village.ancestor_code(OrgLevel.TOWNSHIP), []).append(village.code)
    for codes in by_township.values():
        shuffled = rng.sample(codes, len(codes))
        for index, code in enumerate(shuffled):
            levels[code] = 5 if index == 0 else 4 if index <= 4 else rng.choice([1, 2, 2, 3, 3, 3])
    return levels


def _plan(village, year, standard, level, rng) -> CreationPlan:
    status = rng.choices(
        [PlanStatus.ACCEPTED, PlanStatus.SUBMITTED, PlanStatus.DRAFT, PlanStatus.RETURNED], weights=[80, 8, 8, 4]
    )[0]
    if village.code == FRESH_DRAFT:
        status = PlanStatus.DRAFT
    now = timezone.now()
    plan = CreationPlan.objects.create(
        org=village,
        year=year,
        standard=standard,
        target_level=level,
        status=status,
        return_reason="措施时间节点过于笼统，请细化到月" if status == PlanStatus.RETURNED else "",
        submitted_at=now if status != PlanStatus.DRAFT else None,
        reviewed_at=now if status in (PlanStatus.ACCEPTED, PlanStatus.RETURNED) else None,
    )
    others = rng.sample([s for s in Star if s != Star.BRANCH], level - 1) if level > 1 else []
    targeted = {Star.BRANCH, *others} if level else set()
    PlanStar.objects.bulk_create(
        PlanStar(
            plan=plan,
            star=star,
            targeted=star in targeted,
            strengths=f"{star.label}基础较好，群众支持度高" if star in targeted else "",
            weaknesses=f"{star.label}部分工作项尚未达标" if star in targeted else "",
        )
        for star in Star
    )
    return plan


def _full_plan(village, year, standard, items) -> CreationPlan:
    plan = CreationPlan.objects.create(
        org=village,
        year=year,
        standard=standard,
        target_level=5,
        status=PlanStatus.ACCEPTED,
        submitted_at=timezone.now(),
        reviewed_at=timezone.now(),
    )
    PlanStar.objects.bulk_create(
        PlanStar(plan=plan, star=star, targeted=True, strengths="逐星列清创建优势", weaknesses="逐星列清短板弱项")
        for star in Star
    )
    SelfAssessment.objects.bulk_create(
        SelfAssessment(
            plan=plan,
            work_item=item,
            met=i % 4 != 0,
            evidence="见台账",
            review_status=ReviewStatus.CONFIRMED if i % 3 else ReviewStatus.PENDING,
        )
        for i, item in enumerate(items)
    )
    plan.full_29 = True  # marks it for one measure per key task below
    return plan


def _measures(plans, items, year, rng) -> None:
    today = timezone.localdate()
    items_by_star = {}
    for item in items:
        items_by_star.setdefault(item.key_task.star, []).append(item)
    first_item_per_task = {}
    for item in items:
        first_item_per_task.setdefault(item.key_task_id, item)
    measures = []
    for plan in plans:
        if plan.org.code == FRESH_DRAFT:
            continue
        if getattr(plan, "full_29", False):
            chosen = [(i.key_task.star, i) for i in first_item_per_task.values()]
        else:
            targeted = [s.star for s in plan.stars.all() if s.targeted]
            chosen = [(star, rng.choice(items_by_star[star])) for star in targeted for _ in range(rng.randint(2, 3))]
        for star, item in chosen:
            measures.append(_measure(plan, star, item, today, rng))
    Measure.objects.bulk_create(measures, batch_size=1000)
    reports = [
        ProgressReport(
            measure=m,
            date=min(m.completed_at or today, today) - timedelta(days=d),
            progress=p,
            text=f"{m.work_item.title}：已{'完成' if p == 100 else '推进到' + str(p) + '%'}",
        )
        for m in measures
        if m.progress
        for d, p in ((20, max(10, m.progress // 2)), (0, m.progress))
    ]
    ProgressReport.objects.bulk_create(reports, batch_size=1000)


def _measure(plan, star, item, today, rng) -> Measure:
    # Deadlines spread over the year around today, so some are past, some due this week.
    deadline = today + timedelta(days=rng.randint(-200, 60))
    roll = rng.random()
    if deadline < today:
        progress = 100 if roll < 0.85 else rng.choice([0, 30, 60])  # ~15% of past measures are overdue
    else:
        progress = rng.choice([0, 20, 50, 80]) if roll < 0.9 else 100
    completed = min(deadline, today) - timedelta(days=rng.randint(0, 10)) if progress == 100 else None
    return Measure(
        plan=plan,
        star=star,
        work_item=item,
        description=f"{rng.choice(ACTIONS)}{item.title}",
        deadline=deadline,
        responsible_name=rng.choice(LEADERS),
        responsible_post=rng.choice(POSTS),
        star_leader=rng.choice(LEADERS),
        budget=rng.choice([None, 5000, 20000, 50000, 200000]),
        progress=progress,
        completed_at=completed,
    )


STAR_COLOURS = {
    Star.BRANCH: (200, 30, 30),
    Star.INDUSTRY: (230, 150, 20),
    Star.ECOLOGY: (40, 150, 60),
    Star.SAFETY: (30, 90, 170),
    Star.CIVILITY: (150, 60, 160),
}


@transaction.atomic
def _ledger_files(year: int) -> int:
    """A photo on each of 钟庄村's ledger entries and a scanned document on each completed one,
    so that its acceptance binder (验收档案) opens with its files. Generated pictures, a few KB
    each, checked and stored like any upload; added once (a re-run finds them)."""
    reports = ProgressReport.objects.filter(measure__plan__org__code=ZHONGZHUANG, measure__plan__year=year)
    if ReportAttachment.objects.filter(report__in=reports).exists():
        return 0
    added = 0
    for report in reports.select_related("measure__work_item").order_by("date", "pk"):
        picture = _picture(report)
        files = [(f"现场照片-{report.date:%Y%m%d}.png", _encoded(picture, "PNG"))]
        if report.progress == 100:
            files.append((f"{report.measure.work_item.title}-验收材料.pdf", _encoded(picture.convert("L"), "PDF")))
        for name, data in files:
            attachment = ReportAttachment(report=report)
            attachment.fill_from_upload(SimpleUploadedFile(name, data))
            attachment.save()
            added += 1
    return added


def _picture(report) -> Image.Image:
    """A 320×240 card in the star's colour with the entry's date and progress (ASCII: no CJK
    font is assumed on the server)."""
    image = Image.new("RGB", (320, 240), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    colour = STAR_COLOURS.get(report.measure.star, (90, 90, 90))
    draw.rectangle((0, 0, 319, 40), fill=colour)
    draw.rectangle((20, 70, 20 + 280 * report.progress // 100, 110), fill=colour)
    draw.rectangle((20, 70, 300, 110), outline=(60, 60, 60))
    draw.text((20, 130), f"{report.date:%Y-%m-%d}  {report.progress}%", fill=(30, 30, 30))
    draw.text((20, 150), f"{report.measure.work_item.code}  Zhongzhuang", fill=(30, 30, 30))
    return image


def _encoded(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def _declarations(actor, year, levels) -> None:
    mengzhou = Org.objects.get(code=MENGZHOU)
    DeclarationRule.objects.get_or_create(org=mengzhou, year=year, defaults={"min_five_star": 1, "min_four_star": 4})
    townships = Org.objects.filter(parent=mengzhou, level=OrgLevel.TOWNSHIP).order_by("code")
    for index, township in enumerate(townships):
        villages = list(township.children.filter(kind__in=GRASSROOTS_KINDS))
        five = [v for v in villages if levels.get(v.code) == 5]
        four = [v for v in villages if levels.get(v.code) == 4]
        if index in (3, 7):
            four = four[:2]  # two townships have not yet declared enough: shown as 未达到
        declaration = TownshipDeclaration.objects.create(org=township, year=year)
        declaration.five_star.set(five)
        declaration.four_star.set(four)
