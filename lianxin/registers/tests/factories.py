"""Test data made through the services, as a user's click would make it (style.md habit 5)."""

from datetime import date

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO, YINGXIU
from lianxin.orgs.models import Org
from lianxin.registers import services

SYSTEM = Actor.system("tests")
CONSENT_DAY = date(2024, 3, 1)  # an ID number is kept only with consent: given on this day
XIGUO_VILLAGE = XIGUO + "201"
DADING_VILLAGE = DADING + "201"


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def _with_consent(id_field: str, fields: dict) -> dict:
    return {"consent_on": CONSENT_DAY} | fields if fields.get(id_field) else fields


def household(code: str = XIGUO_VILLAGE, number: str = "001", **extra):
    fields = {"head_name": "王建国", "size": 3, "group": "一组", "phone": "13800138000", "tags": "低保户"} | extra
    return services.create_household(SYSTEM, org(code), number=number, **_with_consent("head_id_number", fields))


def member(code: str = XIGUO_VILLAGE, name: str = "李红梅", birth: date = date(1990, 5, 1), **extra):
    fields = {"gender": "F", "mobile": "13900139000", "post": "党员"} | extra
    return services.create_member(SYSTEM, org(code), name=name, birth_date=birth, **_with_consent("id_number", fields))


def cadre(code: str = MENGZHOU, name: str = "赵组工"):
    return services.create_cadre(SYSTEM, org(code), name=name, unit="市委组织部", mobile="13700137000")


__all__ = ["BOAI", "DADING", "MENGZHOU", "XIGUO", "YINGXIU"]
