"""Test data made through the services, as a user's click would make it (style.md habit 5)."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO, YINGXIU
from lianxin.liaison import services
from lianxin.liaison.choices import BranchCategory, VisitWay
from lianxin.orgs.models import Org

SYSTEM = Actor.system("tests")
XIGUO_VILLAGE = XIGUO + "201"
DADING_VILLAGE = DADING + "201"
BOAI_COUNTY = BOAI


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def household(code: str = XIGUO_VILLAGE, number: str = "001", **extra):
    fields = {"head_name": "王建国", "size": 3, "group": "一组", "phone": "13800138000", "tags": "低保户"} | extra
    return services.create_household(SYSTEM, org(code), number=number, **fields)


def member(code: str = XIGUO_VILLAGE, name: str = "李红梅", birth: date = date(1990, 5, 1), **extra):
    fields = {"gender": "F", "mobile": "13900139000", "post": "党员"} | extra
    return services.create_member(SYSTEM, org(code), name=name, birth_date=birth, **fields)


def visit(h=None, m=None, *, raised: str = "", make_matter: bool = False, day=None):
    h = h or household()
    return services.log_visit(
        SYSTEM,
        h,
        member=m,
        day=day or timezone.localdate(),
        way=VisitWay.DOOR,
        raised=raised,
        category="livelihood" if raised else "",
        make_matter=make_matter,
    )


def matter(code: str = XIGUO_VILLAGE, title: str = "路灯不亮"):
    return services.report_matter(SYSTEM, org(code), title=title, category="livelihood")


def cadre(code: str = MENGZHOU, name: str = "赵组工"):
    return services.create_cadre(SYSTEM, org(code), name=name, unit="市委组织部", mobile="13700137000")


def finding(code: str = XIGUO_VILLAGE, cadre_obj=None, deadline=None):
    c = cadre_obj or cadre()
    g = services.record_guidance(
        SYSTEM,
        c,
        org(code),
        day=timezone.localdate(),
        notes="指导",
        findings=[("三会一课记录不全", deadline or timezone.localdate() + timedelta(days=10))],
    )
    return g.findings.get()


def assignment(code: str = XIGUO_VILLAGE, cadre_obj=None):
    return services.assign_area(
        SYSTEM, cadre_obj or cadre(), org(code), year=timezone.localdate().year, category=BranchCategory.WEAK
    )


def consultation(code: str = XIGUO_VILLAGE, matters=()):
    return services.create_consultation(
        SYSTEM,
        org(code),
        day=timezone.localdate(),
        topic="研究路灯维修",
        attendees="支部委员5人",
        decisions="申请维修资金",
        matters=matters,
        follow_ups=[("联系电力所", "张三", timezone.localdate() + timedelta(days=7))],
    )


def weak(code: str = XIGUO_VILLAGE, cadre_obj=None):
    return services.list_weak_branch(
        SYSTEM, org(code), year=timezone.localdate().year, reasons="班子不团结", cadre=cadre_obj
    )


def photo(name: str = "visit.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


__all__ = ["BOAI", "DADING", "MENGZHOU", "XIGUO", "YINGXIU"]
