"""Test data made through the services (a branch's star level is written as the rating app's
own tests write it: the full rating procedure is not this app's subject)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import make_user
from lianxin.guidance import services as guidance
from lianxin.orgs.models import Org
from lianxin.rating.models import VillageRating
from lianxin.registers.tests.factories import member
from lianxin.training import sessions, surveys
from lianxin.training.choices import QuestionKind

SYSTEM = Actor.system("tests")
MENGZHOU, BOAI = "410883", "410822"
XIGUO, DADING = "410883105", "410883001"
# 大定街道's first community, not 迎秀社区 (410883001002) where the village and member test users are.
XIGUO_VILLAGE, DADING_VILLAGE = "410883105201", "410883001001"
YINGXIU = "410883001002"  # 迎秀社区, where the village and member test users are
TOPICS = ["产业发展", "基层治理", "乡村振兴政策", "群众工作方法"]
QUESTIONS = [
    {"kind": QuestionKind.RANK, "text": "请按需要程度排列培训主题", "options": TOPICS},
    {"kind": QuestionKind.SINGLE, "text": "希望的培训方式", "options": ["集中授课", "现场教学"]},
    {"kind": QuestionKind.TEXT, "text": "其他建议"},
]


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def secretary(code=XIGUO_VILLAGE, name="王书记", birth=date(1970, 1, 1), stars=0, weak=False, user=None):
    person = member(code, name=name, birth=birth, post="党支部书记", mobile="")
    if stars:
        VillageRating.objects.create(org=org(code), year=timezone.localdate().year - 1, level=stars)
    if weak:
        guidance.list_weak_branch(SYSTEM, org(code), year=timezone.localdate().year, reasons="班子软弱")
    if user is not None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def survey(county=MENGZHOU, questions=QUESTIONS):
    return surveys.create_survey(SYSTEM, org(county), title="2026年村书记培训需求调查", year=2026, questions=questions)


def lecturer(username="jiangshi", county=MENGZHOU):
    return make_user(username, Role.LECTURER, county)


def order(township=XIGUO, topic="产业发展专题"):
    return sessions.order_training(
        SYSTEM,
        org(township),
        topic=topic,
        audience="村党支部书记",
        wanted_on=timezone.localdate() + timedelta(days=10),
        hours=Decimal("3"),
    )
