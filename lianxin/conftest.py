"""Shared test world: real division data for 孟州市 (410883), 博爱县 (410822) and 武陟县乔庙镇
(410823107), loaded once per session; users at several levels (style.md habit 8): in scope, a
neighbouring township, another county, and none."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from lianxin.accounts import services
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs.importer import import_divisions
from lianxin.orgs.models import Org

DATA_DIR = Path(settings.BASE_DIR) / "data" / "divisions-2023-henan"
SUBSET = ("410883", "410822", "410823107")
PASSWORD = "Test@2023pw"

XIGUO = "410883105"  # 西虢镇, 孟州市
DADING = "410883001"  # 大定街道, 孟州市
YINGXIU = "410883001002"  # 迎秀社区, 大定街道
MENGZHOU = "410883"
BOAI = "410822"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    accounts/tests/test_auth.py checks the configured Argon2 hasher itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        for prefix in SUBSET:
            import_divisions(DATA_DIR, Actor.system("tests"), prefix=prefix)


def make_user(username: str, role: str | None, code: str | None, **extra):
    assignments = [(role, Org.objects.get(code=code))] if role else []
    return services.create_user(
        Actor.system("tests"), username=username, password=PASSWORD, name=username, assignments=assignments, **extra
    )


@pytest.fixture
def org():
    return lambda code: Org.objects.get(code=code)


@pytest.fixture
def users(db):
    """One user per role at real places, plus a neighbour and a user with no role."""
    return {
        "office": make_user("office", Role.OFFICE, MENGZHOU),
        "office_boai": make_user("office_boai", Role.OFFICE, BOAI),
        "township": make_user("township", Role.TOWNSHIP, XIGUO, mobile="13800138000"),
        "neighbour": make_user("neighbour", Role.TOWNSHIP, DADING),
        "village": make_user("village", Role.VILLAGE, YINGXIU),
        "member": make_user("member", Role.MEMBER, YINGXIU),
        "sysadmin": make_user("sysadmin", Role.SYSADMIN, MENGZHOU),
        "auditor": make_user("auditor", Role.AUDITOR, MENGZHOU),
        "nobody": make_user("nobody", None, None),
    }


@pytest.fixture
def login():
    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login
