"""Shared set-up for rating tests: Mengzhou's five star task forces, users who review, and
applications walked through the real services to any stage."""

from datetime import timedelta

from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, make_user
from lianxin.orgs import services as org_services
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.rating import services, workdays
from lianxin.rating.choices import Decision, StepStatus
from lianxin.rating.models import ReviewStep
from lianxin.standards.choices import Star

SYSTEM = Actor.system("tests")
YINGXIU = "410883001002"  # 迎秀社区, 大定街道: the `village` user's
XIGUO_VILLAGE = "410883105201"  # 西虢村, 西虢镇: the `township` user's


def actor(user) -> Actor:
    return Actor(user=user, ip="127.0.0.1")


def star_task_forces() -> dict:
    """star -> Mengzhou's task force for it (支部过硬星工作专班 …), created once per test."""
    county = Org.objects.get(code=MENGZHOU)
    have = {o.name: o for o in Org.objects.filter(parent=county, kind=OrgKind.TASK_FORCE)}
    found = {}
    for star in Star:
        name = f"{star.label}工作专班"
        found[star.value] = have.get(name) or org_services.create_unit(SYSTEM, county, OrgKind.TASK_FORCE, name)
    return found


def task_force_users(forces: dict) -> dict:
    return {star: make_user(f"tf_{star}", Role.TASK_FORCE, org.code) for star, org in forces.items()}


def pending(application, **filters):
    return ReviewStep.objects.filter(application=application, status=StepStatus.PENDING, **filters)


def approve_all(application, township_user, tf_users, office_user):
    """Walk a submitted application through the default chain to 'approved'."""
    services.review(actor(township_user), pending(application).get(), Decision.APPROVE)
    for step in list(pending(application)):
        services.review(actor(tf_users[step.star]), step, Decision.APPROVE, comment="材料齐全")
    services.review(actor(office_user), pending(application).get(), Decision.APPROVE)
    application.refresh_from_db()
    return application


def after_publicity(monkeypatch, publicity):
    later = publicity.end_date + timedelta(days=1)
    monkeypatch.setattr(workdays, "today", lambda: later)
    return later


def this_year() -> int:
    return timezone.localdate().year
