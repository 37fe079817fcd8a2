"""Test data made through the services, as a user's click would make it."""

from datetime import timedelta

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import make_user
from lianxin.keymatters import services
from lianxin.orgs import services as org_services
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org

SYSTEM = Actor.system("tests")
MENGZHOU, BOAI = "410883", "410822"
XIGUO, DADING = "410883105", "410883001"
XIGUO_VILLAGE, YINGXIU = "410883105201", "410883001002"


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def unit(kind: str = OrgKind.TASK_FORCE, name: str = "项目建设工作专班", county: str = MENGZHOU) -> Org:
    found = Org.objects.filter(parent__code=county, kind=kind, name=name).first()
    return found or org_services.create_unit(SYSTEM, org(county), kind, name)


def keeper(username: str, role: str, at: Org):
    return make_user(username, role, at.code)


def matter(at: Org | str = XIGUO, title: str = "村集体经济增收", *, days: int = 30, on=None, villages=(), **extra):
    at = org(at) if isinstance(at, str) else at
    on = on or timezone.localdate()
    return services.add_matter(
        SYSTEM,
        at,
        title=title,
        owner="张书记",
        deadline=on + timedelta(days=days),
        villages=[org(v) for v in villages],
        on=on,
        **extra,
    )


def matters(at, n: int, **extra):
    return [matter(at, f"事项{i + 1}", **extra) for i in range(n)]
