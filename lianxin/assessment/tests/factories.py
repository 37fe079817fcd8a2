"""Test data made through the services, as a user's click would make it (style.md habit 5)."""

from decimal import Decimal

from django.utils import timezone

from lianxin.assessment import services
from lianxin.assessment.choices import SubjectKind
from lianxin.assessment.models import Scheme, ScoringItem
from lianxin.audit.services import Actor
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.services import create_unit
from lianxin.registers.tests.factories import (
    BOAI,
    DADING,
    DADING_VILLAGE,
    MENGZHOU,
    SYSTEM,
    XIGUO,
    XIGUO_VILLAGE,
    org,
)

YEAR = timezone.localdate().year


def scheme(year: int = YEAR, code: str = MENGZHOU) -> Scheme:
    """The county's scheme for `year`, made once, with one manual item per dimension."""
    found = Scheme.objects.filter(org__code=code, year=year).first()
    if found:
        return found
    made = services.create_scheme(SYSTEM, org(code), year, name=f"{year}年日常考核评估办法")
    for dimension in made.dimensions.exclude(dimension="knowledge"):
        services.add_item(
            SYSTEM, dimension, title=f"{dimension.get_dimension_display()}落实情况", max_points=Decimal(10)
        )
    return made


def task_force(code: str = MENGZHOU, name: str = "基层治理专班") -> Org:
    return Org.objects.filter(parent__code=code, name=name).first() or create_unit(
        SYSTEM, org(code), OrgKind.TASK_FORCE, name
    )


def subject(kind: str = SubjectKind.VILLAGE_SECRETARY, code: str = XIGUO_VILLAGE, name: str = "王书记", **extra):
    if kind == SubjectKind.TASK_FORCE:
        return services.save_subject(SYSTEM, task_force(MENGZHOU, name), kind, name=name)
    where = org(code)
    return services.save_subject(SYSTEM, where, kind, name=name, **extra)


def period(number: int = 1, year: int = YEAR):
    return scheme(year).periods.get(number=number, kind=scheme(year).period_kind)


def full_marks(the_period, the_subject, points: Decimal = Decimal(10)) -> dict:
    """An entry for every manual item of the subject's kind."""
    items = ScoringItem.objects.filter(
        dimension__scheme=the_period.scheme, dimension__subject_kind=the_subject.kind, auto_source=""
    )
    return {item.pk: services.Entry(points, evidence="台账", comment="好") for item in items}


def score(the_subject=None, number: int = 1, points: Decimal = Decimal(10), actor=SYSTEM):
    the_subject = the_subject or subject()
    the_period = period(number)
    return services.save_score(actor, the_period, the_subject, full_marks(the_period, the_subject, points))


__all__ = ["Actor", "BOAI", "DADING", "DADING_VILLAGE", "MENGZHOU", "SYSTEM", "XIGUO", "XIGUO_VILLAGE", "org"]


def question_rows(count: int = 6, topic: str = "党章党规") -> list[list]:
    """Rows of the bank template: single choice (answer A), true/false (对), multiple (AC)."""
    rows = []
    for n in range(count):
        kind = ("单选题", "判断题", "多选题")[n % 3]
        options = ["" for _ in range(5)] if kind == "判断题" else ["甲", "乙", "丙", "", ""]
        answer = {"单选题": "A", "判断题": "对", "多选题": "A,C"}[kind]
        rows.append([topic, "容易", kind, f"{topic}第{n + 1}题", *options, answer, ""])
    return rows


def bank(rows=None, code: str = MENGZHOU, actor=SYSTEM):
    from lianxin.assessment.questions import HEADER
    from lianxin.core.excel import workbook_bytes

    data = workbook_bytes([("试题", HEADER, rows if rows is not None else question_rows())])
    return services.import_questions(actor, org(code), data)


def quiz(code: str = MENGZHOU, count: int = 3, minutes: int = 10, campaign: bool = False, **extra):
    from datetime import timedelta

    if not extra.pop("skip_bank", False):
        bank(code=code)
    now = timezone.now()
    window = {"opens_at": now - timedelta(hours=1), "closes_at": now + timedelta(days=7)} | extra
    return services.create_quiz(
        SYSTEM, org(code), title="月度知识测试", question_count=count, minutes=minutes, campaign=campaign, **window
    )


def right_answers(attempt) -> dict[int, str]:
    return {row.position: row.question.answer for row in attempt.questions.select_related("question")}


CRITERIA = [{"name": "思路清晰", "max": 40}, {"name": "举措可行", "max": 60}]


def contest(code: str = XIGUO, stage: str = "preliminary", kind: str = "ideas", **extra):
    from lianxin.assessment.models import Round

    found = Round.objects.filter(org__code=code, year=YEAR, kind=kind).first()
    if found:
        return found
    if stage == "preliminary" and not {"advance_count", "advance_share"} & set(extra):
        extra["advance_count"] = 1
    return services.create_round(
        SYSTEM, org(code), year=YEAR, kind=kind, stage=stage, title=f"{code}创建思路大比武", criteria=CRITERIA, **extra
    )


def entry(village: str = XIGUO_VILLAGE, round_obj=None, secretary: str = "王书记"):
    return services.add_entry(SYSTEM, round_obj or contest(), org(village), secretary=secretary, title="强班子 兴产业")
