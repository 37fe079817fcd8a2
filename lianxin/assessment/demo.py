"""The assessment demo for 孟州市: this year's scheme (monthly), its 310 subjects — 10 task
forces, 11 township secretaries, 289 village secretaries — last month scored, closed and ranked;
the task forces' monthly meetings; a question bank and a running monthly quiz with a few
results; and, as the seed page reports, a finished 思路 preliminary in every township whose
winners wait in the county final. Everything goes through the services, so it is audited as a
user's clicks would be. Idempotent: it runs once per database (a scheme for this year exists)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from lianxin.accounts.models import User
from lianxin.assessment import services
from lianxin.assessment.choices import COUNTY_SCORED, CompetitionKind, Dimension, PeriodKind, Stage, SubjectKind
from lianxin.assessment.models import Scheme, ScoringItem, Subject
from lianxin.assessment.questions import HEADER
from lianxin.audit.services import Actor
from lianxin.core import indicators
from lianxin.core.excel import workbook_bytes
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.registers.demo import GIVEN, MENGZHOU, SURNAMES

ITEMS = {
    Dimension.BASIC: ("组织生活和阵地建设", "会议记录、照片"),
    Dimension.HIGHLIGHTS: ("创建特色亮点", "典型材料"),
    Dimension.RESULTS: ("五星创建推进成效", "台账、数据"),
    Dimension.OTHER: ("交办事项完成情况", "办结材料"),
}
CRITERIA = [{"name": "思路清晰", "max": 40}, {"name": "举措可行", "max": 40}, {"name": "表达效果", "max": 20}]
TOPICS = ("党章党规", "五星支部创建", "乡村振兴")
JUDGES = ("mengzhou", "zhuanban", "jiaozuo")
# The villages' observation score (issue 14), when the app computing it is installed.
OBSERVATION = "rhythm.observation_score"


def _name(i: int) -> str:
    return f"{SURNAMES[i % len(SURNAMES)]}{GIVEN[i * 2 % len(GIVEN)]}{GIVEN[(i * 3 + 1) % len(GIVEN)]}"


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("load_demo")
    county = Org.objects.filter(code=MENGZHOU).first()
    year = timezone.localdate().year
    if county is None or Scheme.objects.filter(org=county, year=year).exists():
        return {}
    scheme = services.create_scheme(actor, county, year, name=f"{year}年孟州市五星支部创建日常考核评估办法")
    for dimension in scheme.dimensions.exclude(dimension=Dimension.KNOWLEDGE):
        title, evidence = ITEMS[dimension.dimension]
        services.add_item(actor, dimension, title=title, max_points=Decimal(20), evidence=evidence)
    _observation_item(actor, scheme)
    subjects = _subjects(actor, county)
    meetings = _meetings(actor, county, year)
    scored = _last_month(actor, scheme, subjects)
    quiz = _quiz(actor, county)
    finals = _competition(actor, county, year)
    return {
        "subjects": len(subjects),
        "meetings": meetings,
        "scored": scored,
        "quiz": quiz.title,
        "final_entries": finals,
    }


def _observation_item(actor: Actor, scheme: Scheme) -> None:
    """特色亮点 of the village kinds also counts the village's observation score, filled from data."""
    if OBSERVATION not in indicators.registry():
        return
    villages = scheme.dimensions.filter(dimension=Dimension.HIGHLIGHTS).exclude(subject_kind__in=COUNTY_SCORED)
    for dimension in villages:
        services.add_item(actor, dimension, title="观摩评比得分", max_points=Decimal(10), indicator_code=OBSERVATION)


def _subjects(actor: Actor, county: Org) -> list[Subject]:
    made = []
    places = Org.objects.filter(prefix_q(county.code)).order_by("code")
    for i, org in enumerate(places.filter(kind__in=(OrgKind.TASK_FORCE, OrgKind.TOWNSHIP, *GRASSROOTS_KINDS))):
        kind = {
            OrgKind.TASK_FORCE: SubjectKind.TASK_FORCE,
            OrgKind.TOWNSHIP: SubjectKind.TOWNSHIP_SECRETARY,
        }.get(org.kind, SubjectKind.VILLAGE_SECRETARY)
        name = org.name if kind == SubjectKind.TASK_FORCE else _name(i)
        made.append(services.save_subject(actor, org, kind, name=name))
    return made


def _meetings(actor: Actor, county: Org, year: int) -> int:
    rng, today, count = random.Random(11), timezone.localdate(), 0
    for force in Org.objects.filter(parent=county, kind=OrgKind.TASK_FORCE):
        for month in range(1, today.month + 1):
            day = date(year, month, min(10, today.day if month == today.month else 10))
            services.record_meeting(
                actor,
                force,
                day=day,
                attendees="专班成员",
                head_attended=rng.random() < 0.85,
                progress="通报本月推进情况",
            )
            count += 1
    return count


def _last_month(actor: Actor, scheme: Scheme, subjects: list[Subject]) -> int:
    """Last month (or January) scored for every subject, then closed: locked and ranked."""
    month = max(timezone.localdate().month - 1, 1)
    period = scheme.periods.get(kind=PeriodKind.MONTH, number=month)
    items = {}
    for item in ScoringItem.objects.filter(dimension__scheme=scheme, auto_source="").select_related("dimension"):
        items.setdefault(item.dimension.subject_kind, []).append(item)
    rng = random.Random(month)
    for subject in subjects:
        entries = {
            i.pk: services.Entry(Decimal(rng.randint(12, 20)), evidence="已上传台账") for i in items[subject.kind]
        }
        score = services.save_score(actor, period, subject, entries)
        services.submit_score(actor, score)
    services.close_period(actor, period)
    return len(subjects)


def _quiz(actor: Actor, county: Org):
    rows = []
    for t, topic in enumerate(TOPICS):
        for n in range(10):
            kind = ("单选题", "判断题", "多选题")[n % 3]
            options = ["", "", "", "", ""] if kind == "判断题" else ["选项甲", "选项乙", "选项丙", "选项丁", ""]
            answer = {"单选题": "B", "判断题": "对", "多选题": "AC"}[kind]
            rows.append(
                [topic, ("容易", "中等", "较难")[n % 3], kind, f"{topic}知识第{t * 10 + n + 1}题", *options, answer, ""]
            )
    services.import_questions(actor, county, workbook_bytes([("试题", HEADER, rows)]))
    today = timezone.localdate()
    opens = timezone.make_aware(datetime.combine(today.replace(day=1), time()))
    quiz = services.create_quiz(
        actor,
        county,
        title=f"{today.month}月份全市党建知识月度答题",
        question_count=10,
        minutes=15,
        opens_at=opens,
        closes_at=opens + timedelta(days=40),
        campaign=True,
    )
    rng = random.Random(7)
    for user in User.objects.filter(username__in=("xiguo", "dading", "yingxiu", "yaozhuang")):
        taker = Actor(user=user)
        attempt = services.start_attempt(taker, quiz)
        answers = {
            r.position: r.question.answer if rng.random() < 0.8 else ""
            for r in attempt.questions.select_related("question")
        }
        services.submit_attempt(taker, attempt, answers)
    return quiz


def _competition(actor: Actor, county: Org, year: int) -> int:
    """The county final set up, then each township's 思路 preliminary held and closed: three
    entries, three judges, two advance."""
    final = services.create_round(
        actor,
        county,
        year=year,
        kind=CompetitionKind.IDEAS,
        stage=Stage.FINAL,
        title=f"{year}年孟州市创建思路大比武决赛",
        criteria=CRITERIA,
    )
    judges = list(User.objects.filter(username__in=JUDGES))
    rng = random.Random(3)
    for township in Org.objects.filter(parent=county, kind=OrgKind.TOWNSHIP).order_by("code"):
        contest = services.create_round(
            actor,
            township,
            year=year,
            kind=CompetitionKind.IDEAS,
            stage=Stage.PRELIMINARY,
            title=f"{township.short_name}创建思路大比武初赛",
            criteria=CRITERIA,
            advance_count=2,
        )
        for judge in judges:
            services.assign_judge(actor, contest, judge)
        villages = Subject.objects.filter(prefix_q(township.code, "org__code"), kind=SubjectKind.VILLAGE_SECRETARY)
        for subject in villages.select_related("org").order_by("org__code")[:3]:
            entry = services.add_entry(
                actor, contest, subject.org, secretary=subject.name, title=f"{subject.org.short_name}五星创建思路"
            )
            for judge in judges:
                points = {c["name"]: Decimal(rng.randint(c["max"] * 6 // 10, c["max"])) for c in CRITERIA}
                services.score_entry(Actor(user=judge), entry, points)
        services.close_round(actor, contest)
    return final.entries.count()
