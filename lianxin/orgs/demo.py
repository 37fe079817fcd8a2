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
from lianxin.orgs.choices import UNIT_CODE_MARK, OrgKind
from lianxin.orgs.importer import import_divisions
from lianxin.orgs.models import Org
from lianxin.orgs.naming import county_prefix, pinyin_initials

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
# Mengzhou's 38 responsible units (the seed: "38家责任单位"), named as a county-level city's
# departments are: `{p}` is 市 for 孟州市 (县 for a county, 区 for a district; naming.county_prefix).
UNIT_NAMES = [
    "{p}委组织部",
    "{p}委宣传部",
    "{p}委统战部",
    "{p}委政法委",
    "{p}纪委监委",
    "{p}委社会工作部",
    "{p}农业农村局",
    "{p}住房和城乡建设局",
    "{p}公安局",
    "{p}司法局",
    "{p}民政局",
    "{p}财政局",
    "{p}文化广电和旅游局",
    "{p}教育局",
    "{p}卫生健康委员会",
    "{p}人力资源和社会保障局",
    "{p}自然资源和规划局",
    "{p}交通运输局",
    "{p}水利局",
    "{p}发展和改革委员会",
    "{p}工业和信息化局",
    "{p}商务局",
    "{p}市场监督管理局",
    "{p}应急管理局",
    "{p}城市管理局",
    "{p}退役军人事务局",
    "{p}医疗保障局",
    "{p}审计局",
    "{p}统计局",
    "{p}信访局",
    "{p}乡村振兴局",
    "{p}供销合作社",
    "{p}总工会",
    "{p}妇联",
    "团{p}委",
    "{p}科协",
    "{p}残联",
    "{p}融媒体中心",
]
# The demo's weak branches (软弱涣散党组织) under rectification, all in 槐树乡, the township the
# liaison board shows lagging: guidance lists them; the planning and rating demos never make
# them star candidates (no target, no declaration, no application).
WEAK_BRANCHES = ["410883201204", "410883201209", "410883201214", "410883201216", "410883201220"]


def responsible_units(county_name: str) -> list[str]:
    prefix = county_prefix(county_name)
    return [name.format(p=prefix) for name in UNIT_NAMES]


MENGZHOU_UNITS = responsible_units("孟州市")


def _task_force_users() -> list[tuple]:
    """Every task force has a login: `zhuanban` (支部过硬星), then `zhuanban2` … `zhuanban10`."""
    return [
        (f"zhuanban{i + 1}" if i else "zhuanban", name.removesuffix("工作专班") + "专班", Role.TASK_FORCE)
        + (f"{MENGZHOU}ZB{i + 1:02d}", f"孟州市 {name}")
        for i, name in enumerate(TASK_FORCES)
    ]


def _unit_users() -> list[tuple]:
    """A few responsible units with logins: the matters handed to them wait on their list."""
    users = [("zhujianju", "市住房和城乡建设局"), ("nongyeju", "市农业农村局"), ("minzhengju", "市民政局")]
    return [
        (username, f"孟州{name}", Role.UNIT, f"{MENGZHOU}ZR{MENGZHOU_UNITS.index(name) + 1:02d}", f"孟州{name}")
        for username, name in users
    ]


# (username, name, role, org code, what the seed page says of the place)
DEMO_USERS = [
    ("admin", "系统管理员", Role.SYSADMIN, DEMO_PREFIX, "焦作市 用户管理"),
    ("auditor", "审计员", Role.AUDITOR, DEMO_PREFIX, "焦作市 审计日志"),
    ("jiaozuo", "焦作市委组织部", Role.OFFICE, DEMO_PREFIX, "焦作市"),
    ("mengzhou", "孟州市创建办", Role.OFFICE, MENGZHOU, "孟州市：11个乡镇(街道) 289个村(社区)"),
    ("zhongzhan", "中站区创建办", Role.OFFICE, "410803", "中站区"),
    *_task_force_users(),
    *_unit_users(),
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
    """Each unit in its place of its list (`410883ZR07` is the 7th responsible unit), so the demo
    logins name their unit by code; a unit of an older demo under another name is renamed."""
    mengzhou = Org.objects.get(code=MENGZHOU)
    for kind, names in (
        (OrgKind.CREATION_OFFICE, ["孟州市五星支部创建办公室"]),
        (OrgKind.TASK_FORCE, TASK_FORCES),
        (OrgKind.RESPONSIBLE_UNIT, MENGZHOU_UNITS),
    ):
        have = dict(Org.objects.filter(parent=mengzhou, kind=kind).values_list("code", "name"))
        for index, name in enumerate(names):
            code = f"{MENGZHOU}{UNIT_CODE_MARK[kind]}{index + 1:02d}"
            if code not in have:
                org_services.create_unit(actor, mengzhou, kind, name)
            elif have[code] != name:
                Org.objects.filter(code=code).update(name=name, short_name=name, initials=pinyin_initials(name))


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
