"""Notices for tests, sent through the services by the `users` fixture's people."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import DADING, XIGUO, make_user
from lianxin.notices import services
from lianxin.notices.choices import ReplyKind, TargetKind
from lianxin.orgs.models import Org

XIGUO_VILLAGE = XIGUO + "201"
VILLAGES = (TargetKind.VILLAGE, TargetKind.COMMUNITY)


def user(username: str) -> User:
    return User.objects.get(username=username)


def village_user(code: str = XIGUO_VILLAGE, username: str = "xiguo_village") -> User:
    found = User.objects.filter(username=username).first()
    return found or make_user(username, Role.VILLAGE, code)


def pdf(name: str = "说明.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n")


def notice(sender: str = "township", code: str = XIGUO, *, reply=ReplyKind.TEXT, files=None, **overrides):
    data = {
        "title": "关于报送创建进展的通知",
        "body": "请于月底前报送。",
        "kinds": VILLAGES,
        "roles": (Role.VILLAGE,),
        "reply": reply,
        "files": [pdf()] if files is None else files,
    }
    data.update(overrides)
    return services.send_notice(Actor(user=user(sender)), Org.objects.get(code=code), **data)


def township_notices() -> dict:
    """A notice from 西虢镇 (the township user's) and one from 大定街道 (the neighbour's), each
    to its villages, with a village user on each side."""
    village_user()
    village_user(DADING + "002", "dading_village")
    return {"in": notice("township", XIGUO), "out": notice("neighbour", DADING)}
