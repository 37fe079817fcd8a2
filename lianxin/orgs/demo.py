"""The demo's organisation tree and accounts: 焦作市 from the real division data, with users at
the places the seed page names, made through the same services a user's click goes through.
The other apps' demo loaders build the rest of the world on top (lianxin.core.demo)."""

from base64 import b32decode
from pathlib import Path

from django.conf import settings

from lianxin.accounts import mfa
from lianxin.accounts import services as account_services
from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs import services as org_services
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.importer import import_divisions
from lianxin.orgs.models import Org

DATA_DIR = Path(settings.BASE_DIR) / "data" / "divisions-2023-henan"
DEMO_PREFIX = "4108"  # 焦作市
DEMO_PASSWORD = "Lianxin@2023"
# The demo accounts whose role needs a second factor share this authenticator secret (README):
# public like the password, so it is given only outside production.
DEMO_TOTP_SECRET = "LIANXINDEMOKEYONLYFORTHEDEMO2345"
DEMO_TOTP_KEY = b32decode(DEMO_TOTP_SECRET).hex()
MENGZHOU = "410883"

# Mengzhou's task forces: one per star and five for lines of work (the seed: 10 专班).
TASK_FORCES = [
    "支部过硬星工作专班",
    "产业兴旺星工作专班",
    "生态宜居星工作专班",
    "平安法治星工作专班",
    "文明幸福星工作专班",
    "项目建设工作专班",
    "人才培训工作专班",
    "党群连心工作专班",
    "宣传引导工作专班",
    "督导考核工作专班",
]
RESPONSIBLE_UNITS = [
    "县委组织部",
    "县农业农村局",
    "县住建局",
    "县公安局",
    "县司法局",
    "县民政局",
    "县财政局",
    "县文广旅局",
]

# (username, name, role, org code, what the seed page says of the place)
DEMO_USERS = [
    ("admin", "系统管理员", Role.SYSADMIN, DEMO_PREFIX, "焦作市 用户管理"),
    ("auditor", "审计员", Role.AUDITOR, DEMO_PREFIX, "焦作市 审计日志"),
    ("jiaozuo", "焦作市委组织部", Role.OFFICE, DEMO_PREFIX, "焦作市"),
    ("mengzhou", "孟州市创建办", Role.OFFICE, MENGZHOU, "孟州市：11个乡镇(街道) 289个村(社区)"),
    ("zhongzhan", "中站区创建办", Role.OFFICE, "410803", "中站区"),
    ("zhuanban", "支部过硬星专班", Role.TASK_FORCE, f"{MENGZHOU}ZB01", "孟州市 支部过硬星工作专班"),
    ("dading", "大定街道党工委", Role.TOWNSHIP, "410883001", "孟州市大定街道"),
    ("xiguo", "西虢镇党委", Role.TOWNSHIP, "410883105", "孟州市西虢镇"),
    ("yingxiu", "迎秀社区党支部", Role.VILLAGE, "410883001002", "大定街道迎秀社区"),
    ("dangyuan", "迎秀社区党员", Role.MEMBER, "410883001002", "迎秀社区党员"),
    ("yaozhuang", "姚庄村党支部", Role.VILLAGE, "410883105212", "西虢镇姚庄村：从头申报评星"),
]


def load() -> dict:
    actor = Actor.system("load_demo")
    report = import_divisions(DATA_DIR, actor, prefix=DEMO_PREFIX)
    _ensure_units(actor)
    created = [_ensure_user(actor, *spec[:4]) for spec in DEMO_USERS]
    enrolled = _ensure_second_factor(actor)
    return {"orgs_created": report.created, "users_created": sum(created), "second_factor": enrolled}


def _ensure_units(actor: Actor) -> None:
    mengzhou = Org.objects.get(code=MENGZHOU)
    have = set(mengzhou.children.values_list("name", flat=True))
    for kind, names in (
        (OrgKind.CREATION_OFFICE, ["孟州市五星支部创建办公室"]),
        (OrgKind.TASK_FORCE, TASK_FORCES),
        (OrgKind.RESPONSIBLE_UNIT, RESPONSIBLE_UNITS),
    ):
        for name in names:
            if name not in have:
                org_services.create_unit(actor, mengzhou, kind, name)


def _ensure_user(actor: Actor, username, name, role, code) -> bool:
    if User.objects.filter(username=username).exists():
        return False
    org = Org.objects.get(code=code)
    account_services.create_user(actor, username=username, password=DEMO_PASSWORD, name=name, assignments=[(role, org)])
    return True


def _ensure_second_factor(actor: Actor) -> list[str]:
    """Enrol the demo secret for each demo account that must use a second factor, through the
    same service as the enrolment page; returns those accounts' usernames. Never in production
    (`load_demo --force`): there each person enrols their own phone."""
    if settings.PRODUCTION:
        return []
    users = User.objects.filter(username__in=[spec[0] for spec in DEMO_USERS])
    needing = [user for user in users if mfa.required_for(user)]
    for user in needing:
        if not mfa.has_device(user):
            mfa.enrol(actor, user, DEMO_TOTP_KEY, mfa.code_for(DEMO_TOTP_KEY))
    return sorted(user.username for user in needing)
