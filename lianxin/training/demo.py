"""The training demo for 孟州市: a branch secretary for every five- and four-star branch (from
the rating demo), every weak branch and a dozen others, about one in four under 35; the
county's questionnaire sent to the five-star and under-35 secretaries and answered by all of
them; a lecturer account (讲师 «jiangshi», the demo password); trainings ordered by six
townships — four held, with the township's secretaries signed in and rating them, one accepted,
one waiting for dispatch. Everything goes through the services (audited); idempotent."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from lianxin.accounts import services as account_services
from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.core.changes import today
from lianxin.guidance.models import WeakBranch
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.rating.models import VillageRating
from lianxin.registers.demo import GIVEN, SURNAMES
from lianxin.registers.services import create_member
from lianxin.training import sessions, surveys
from lianxin.training.choices import Group, QuestionKind
from lianxin.training.groups import SECRETARY
from lianxin.training.models import Survey

MENGZHOU = "410883"
LECTURER, PASSWORD = "jiangshi", "Lianxin@2023"
TOPICS = ["产业发展与集体经济", "基层治理与矛盾化解", "乡村振兴政策解读", "群众工作方法", "党建引领与组织生活"]
QUESTIONS = [
    {"kind": QuestionKind.RANK, "text": "请按需要程度排列培训主题", "options": TOPICS},
    {
        "kind": QuestionKind.MULTIPLE,
        "text": "希望的培训方式（可多选）",
        "options": ["集中授课", "现场教学", "线上学习"],
    },
    {"kind": QuestionKind.SINGLE, "text": "每次培训适宜时长", "options": ["半天", "一天", "两天"]},
    {"kind": QuestionKind.TEXT, "text": "对培训的其他建议"},
]


def load() -> dict | None:
    county = Org.objects.filter(code=MENGZHOU).first()
    if county is None or Survey.objects.filter(org=county).exists():
        return None
    actor, rng = Actor.system("load_demo"), random.Random(35)
    secretaries = _secretaries(actor, county, rng)
    survey = surveys.create_survey(
        actor, county, title=f"{today().year}年村党组织书记培训需求调查", year=today().year, questions=QUESTIONS
    )
    sent = surveys.send_survey(actor, survey, groups=[Group.FIVE_STAR, Group.UNDER_35])
    for recipient in survey.recipients.all():
        ranked = rng.sample(TOPICS, len(TOPICS))
        ways = rng.sample(QUESTIONS[1]["options"], rng.randint(1, 2))
        surveys.answer_survey(actor, recipient, [ranked, ways, rng.choice(QUESTIONS[2]["options"]), ""])
    held = _trainings(actor, county, secretaries, rng)
    return {"secretaries": len(secretaries), "survey_recipients": sent, "trainings_held": held}


def _secretaries(actor, county, rng) -> list:
    rating = VillageRating.objects.filter(org=OuterRef("pk")).order_by("-year").values("level")[:1]
    villages = list(
        Org.objects.filter(parent__parent=county, kind__in=GRASSROOTS_KINDS)
        .annotate(stars=Subquery(rating))
        .order_by("code")
    )
    weak = set(WeakBranch.objects.filter(org__in=villages).values_list("org_id", flat=True))
    picked = [v for v in villages if (v.stars or 0) >= 4 or v.pk in weak]
    picked += rng.sample([v for v in villages if v not in picked], 12)
    made = []
    for village in picked:
        young = rng.random() < 0.25
        birth = date(rng.randint(1991, 1998) if young else rng.randint(1962, 1985), rng.randint(1, 12), 1)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        gender = rng.choice("MMMF")
        made.append(
            create_member(actor, village, name=name, gender=gender, birth_date=birth, post=f"党支部{SECRETARY}")
        )
    return made


def _lecturer(actor, county) -> User:
    found = User.objects.filter(username=LECTURER).first()
    if found is not None:
        return found
    return account_services.create_user(
        actor, username=LECTURER, password=PASSWORD, name="党校讲师", assignments=[(Role.LECTURER, county)]
    )


def _trainings(actor, county, secretaries, rng) -> int:
    lecturer = _lecturer(actor, county)
    townships = list(Org.objects.filter(parent=county, kind=OrgKind.TOWNSHIP).order_by("code")[:6])
    held = 0
    for index, township in enumerate(townships):
        day = today() - timedelta(days=60 - 10 * index)
        order = sessions.order_training(
            actor,
            township,
            topic=TOPICS[index % len(TOPICS)],
            audience="村党组织书记",
            wanted_on=day,
            hours=Decimal(rng.choice(("3", "4", "6"))),
            place=f"{township.short_name}党群服务中心",
        )
        if index == 5:
            continue  # waiting for the county to dispatch
        sessions.dispatch(actor, order, lecturer=lecturer)
        sessions.accept(actor, order)
        if index == 4:
            continue  # accepted, to be held
        attendances = [
            sessions.sign_in(actor, order, member) for member in secretaries if member.org.parent_id == township.pk
        ]
        sessions.hold(actor, order, day)
        for attendance in attendances:
            sessions.rate(actor, attendance, score=rng.choice((4, 5, 5)), comment="讲得实在，用得上")
        held += 1
    return held
