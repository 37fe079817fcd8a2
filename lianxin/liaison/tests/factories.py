"""Test data made through the services, as a user's click would make it (style.md habit 5).
Households, members and cadres come from the registers' factories, findings from guidance's."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from lianxin.guidance.tests.factories import finding
from lianxin.liaison import services
from lianxin.liaison.choices import VisitWay
from lianxin.registers.tests.factories import (
    BOAI,
    DADING,
    DADING_VILLAGE,
    MENGZHOU,
    SYSTEM,
    XIGUO,
    XIGUO_VILLAGE,
    YINGXIU,
    cadre,
    household,
    member,
    org,
)


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


def photo(name: str = "visit.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


__all__ = [
    "BOAI",
    "DADING",
    "DADING_VILLAGE",
    "MENGZHOU",
    "SYSTEM",
    "XIGUO",
    "XIGUO_VILLAGE",
    "YINGXIU",
    "cadre",
    "finding",
    "household",
    "member",
    "org",
]
