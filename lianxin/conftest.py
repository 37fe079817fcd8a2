"""Shared test world: real division data for 孟州市 (410883), 博爱县 (410822) and 武陟县乔庙镇
(410823107), loaded once per session; users at several levels (style.md habit 8): in scope, a
neighbouring township, another county, and none."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from lianxin.accounts import services
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs.importer import import_divisions
from lianxin.orgs.models import Org

pytest_plugins = ["lianxin.testing.browser"]

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


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """Background tasks run at once, in the test (django-tasks' immediate backend); the test of
    the worker itself (core/tests/test_exports.py) switches to the database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def pages_drawn_every_time(settings):
    """A dashboard's reused body (lianxin/core/views/reuse.py) would hide its drawing from the
    tests that count a page's queries or read its context; reuse has tests of its own
    (planning/tests/test_reuse.py), which turn it on."""
    settings.LIANXIN_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def chinese_by_default():
    """A request with Accept-Language: en leaves English active in the thread; each test
    starts from the project's language, as a fresh request would."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def every_audit_event_has_a_label():
    """Any event a service writes during the tests must be named in both languages (in its
    app's plugin); the test that writes an unnamed one fails here, naming the event. Events of
    the tests' own making start with `test.`."""
    from django.db.models.signals import post_save

    from lianxin.audit.labels import RENAMED
    from lianxin.audit.models import AuditEvent
    from lianxin.core.plugins import audit_labels

    def check(sender, instance, created, **kwargs):
        code = RENAMED.get(instance.action, instance.action)
        label = audit_labels().get(code)
        if not code.startswith("test.") and (label is None or not label.zh or not label.en):
            raise AssertionError(f"audit event {instance.action!r} has no label in both languages")

    post_save.connect(check, sender=AuditEvent, weak=False, dispatch_uid="audit-label-check")
    yield
    post_save.disconnect(sender=AuditEvent, dispatch_uid="audit-label-check")


@pytest.fixture(autouse=True)
def audit_checkpoints(settings, tmp_path):
    """Each test's audit checkpoints go to a file of its own, never to the developer's var/."""
    settings.LIANXIN_AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"
    return settings.LIANXIN_AUDIT_CHECKPOINTS


def ensure_divisions():
    if not Org.objects.filter(code=MENGZHOU).exists():
        for prefix in SUBSET:
            import_divisions(DATA_DIR, Actor.system("tests"), prefix=prefix)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    checkpoints = tmp_path_factory.mktemp("audit") / "audit-checkpoints.jsonl"
    with django_db_blocker.unblock(), override_settings(LIANXIN_AUDIT_CHECKPOINTS=checkpoints):
        ensure_divisions()


@pytest.fixture(scope="module")
def divisions_kept(django_db_setup, django_db_blocker):
    """For a module with transactional tests (`django_db(transaction=True)`): pytest-django
    empties the database after each, which wipes the session's division data. This puts it back
    before the module's tests (an earlier module may have wiped it) and after them."""
    with django_db_blocker.unblock():
        ensure_divisions()
    yield
    with django_db_blocker.unblock():
        ensure_divisions()


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
    """A client logged in as `user`, past the second factor when the user needs one."""
    from lianxin.testing.auth import verified_client

    return verified_client


@pytest.fixture
def plans(users):
    """The sample provincial standard for this year, published; a plan with one measure for a
    village of 西虢镇 (the township user's) and one for a village of 大定街道 (the neighbour's);
    a 博爱县 standard the 孟州 users must not see."""
    from django.utils import timezone

    from lianxin.planning import services as planning
    from lianxin.standards.services import create_standard, load_sample

    system = Actor.system("tests")
    year = timezone.localdate().year
    standard = load_sample(system, Org.objects.get(code="41"), year)
    item = standard.key_tasks.get(number=1).work_items.first()
    world = {"standard": standard, "year": year, "item": item}
    for key, code in (("plan", XIGUO + "201"), ("other_plan", DADING + "002")):
        plan = planning.create_plan(system, Org.objects.get(code=code), year)
        world[key] = plan
        world[key.replace("plan", "measure")] = planning.save_measure(system, plan, None, measure_data(item))
    world["boai_standard"] = create_standard(system, Org.objects.get(code=BOAI), year, "博爱县细化标准", standard)
    return world


def measure_data(item, **overrides):
    from datetime import timedelta

    from django.utils import timezone

    data = {
        "star": item.key_task.star,
        "work_item": item,
        "description": "完善党群服务中心",
        "deadline": timezone.localdate() + timedelta(days=30),
        "responsible_name": "王建国",
        "responsible_post": "支部书记",
        "responsible_mobile": "13800000001",
        "star_leader": "李红梅",
        "budget": None,
    }
    data.update(overrides)
    return data
