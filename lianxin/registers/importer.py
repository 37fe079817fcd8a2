"""Excel imports of households and party members (security.md item 18): every row checked
first, all written or none, errors by row and by the column's Chinese header. Rows are matched
to the register by natural key (village + 户号, village + 姓名 + 出生日期): a row that is new is
added, a row that differs updates the household or member, a row that is the same is left
alone — so importing the same file twice changes nothing and says so (未变)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor
from lianxin.core.changes import clean_fields
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.permissions import require
from lianxin.core.uploads import sheet_rows
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers import services
from lianxin.registers.choices import Gender
from lianxin.registers.plugin import Action

VILLAGE = "村代码"
CONSENT = "身份证号同意日期"  # the day the person consented to their ID number being kept (PIPL)
_DATE = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?")
GENDER_BY_LABEL = {str(g.label): g.value for g in Gender} | {g.value: g.value for g in Gender}


def parse_date(text: str) -> date | None:
    if not text:
        return None
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


def _int(text: str, label: str, default: int) -> int:
    if not text:
        return default
    try:
        return int(float(text))
    except ValueError:
        raise ValueError(_("%(l)s: %(v)s 不是数字") % {"l": label, "v": text}) from None


def _date(text: str, label: str) -> date | None:
    try:
        value = parse_date(text)
    except (ValueError, TypeError):
        raise ValueError(_("%(l)s: %(v)s 不是日期（如 1990-05-01）") % {"l": label, "v": text}) from None
    if value is not None and value > datetime.now().date():
        raise ValueError(_("%(l)s: 不能晚于今天") % {"l": label})
    return value


@dataclass(frozen=True)
class Sheet:
    """What one kind of import reads: its columns, how a row becomes field values, and which
    fields make the natural key."""

    roll: services.Roll
    header: list[str]
    example: list[str]
    columns: dict[str, str]  # model field -> the column it comes from
    key: tuple[str, ...]  # model fields, besides the village, that identify a row
    build: Callable[[dict], dict]  # row -> field values; ValueError(message) for a bad cell

    def column(self, field: str) -> str:
        """The header a user sees for `field`; a rule over several fields names the key's columns."""
        if field == NON_FIELD_ERRORS:
            return "、".join([VILLAGE, *(self.columns[f] for f in self.key)])
        return self.columns.get(field, VILLAGE)

    def key_of(self, obj) -> tuple:
        return (obj.org_id, *(getattr(obj, f) for f in self.key))


def _household(r) -> dict:
    return {
        "number": r["户号"],
        "head_name": r["户主姓名"],
        "head_id_number": r["户主身份证号"].upper(),
        "size": _int(r["家庭人口"], "家庭人口", 1),
        "group": r["村民组"],
        "address": r["住址"],
        "phone": r["联系电话"],
        "tags": "、".join(t for t in re.split(r"[、,，;；\s]+", r["标签"]) if t),
        "consent_on": _date(r[CONSENT], CONSENT),
    }


def _member(r) -> dict:
    gender = GENDER_BY_LABEL.get(r["性别"])
    if gender is None:
        raise ValueError(_("性别: 请填 男 或 女"))
    birth = _date(r["出生日期"], "出生日期")
    if birth is None:
        raise ValueError(_("出生日期: 不能为空"))
    return {
        "name": r["姓名"],
        "gender": gender,
        "birth_date": birth,
        "joined_on": _date(r["入党日期"], "入党日期"),
        "post": r["党内职务"],
        "mobile": r["手机号"],
        "id_number": r["身份证号"].upper(),
        "consent_on": _date(r[CONSENT], CONSENT),
    }


HOUSEHOLDS = Sheet(
    roll=services.HOUSEHOLDS,
    header=[VILLAGE, "户号", "户主姓名", "户主身份证号", "家庭人口", "村民组", "住址", "联系电话", "标签", CONSENT],
    example=["410883105201", "001", "王建国", "", "4", "一组", "西虢村一组12号", "13800138000", "低保户、独居老人", ""],
    columns={
        "number": "户号",
        "head_name": "户主姓名",
        "head_id_number": "户主身份证号",
        "size": "家庭人口",
        "group": "村民组",
        "address": "住址",
        "phone": "联系电话",
        "tags": "标签",
        "consent_on": CONSENT,
    },
    key=("number",),
    build=_household,
)
MEMBERS = Sheet(
    roll=services.MEMBERS,
    header=[VILLAGE, "姓名", "性别", "出生日期", "入党日期", "党内职务", "手机号", "身份证号", CONSENT],
    example=["410883105201", "李红梅", "女", "1990-05-01", "2015-07-01", "支部委员", "13900139000", "", ""],
    columns={
        "name": "姓名",
        "gender": "性别",
        "birth_date": "出生日期",
        "joined_on": "入党日期",
        "post": "党内职务",
        "mobile": "手机号",
        "id_number": "身份证号",
        "consent_on": CONSENT,
    },
    key=("name", "birth_date"),
    build=_member,
)


def _villages(actor: Actor, rows) -> dict[str, Org]:
    codes = {r[VILLAGE] for _, r in rows}
    orgs = Org.objects.restrict(actor.user, Action.REGISTERS_EDIT) if actor.user else Org.objects.all()
    return {o.code: o for o in orgs.filter(code__in=codes, kind__in=GRASSROOTS_KINDS)}


def _by_column(sheet: Sheet, exc: ValidationError) -> list[str]:
    """A model's validation errors, each named by the column the user filled in."""
    return [f"{sheet.column(field)}: {m}" for field, messages in exc.message_dict.items() for m in messages]


class _Import:
    """One file's rows checked against the register: what is new, what changed, what is the same."""

    def __init__(self, sheet: Sheet, villages: dict[str, Org], username: str):
        self.sheet, self.villages, self.username = sheet, villages, username
        model = sheet.roll.model
        self.existing = {
            sheet.key_of(obj): obj
            for obj in model.objects.filter(org__in=list(villages.values())).select_related("org")
        }
        self.compared = (*sheet.roll.fields, *services.CONSENT_FIELDS)
        self.errors: list[str] = []
        self.creates: list = []
        self.updates: list = []
        self.unchanged = 0
        self.consents = 0
        self.seen: set = set()

    def check(self, number: int, row: dict) -> None:
        problems = self._problems(row)
        self.errors.extend(_("第%(n)d行 %(p)s") % {"n": number, "p": p} for p in problems)

    def _problems(self, row: dict) -> list[str]:
        village = self.villages.get(row[VILLAGE])
        if village is None:
            return [_("村代码: %(c)s 不存在、不是村（社区）或不在您的管理范围内") % {"c": row[VILLAGE]}]
        try:
            values = self.sheet.build(row)
        except ValueError as exc:
            return [exc.args[0]]
        obj = self.sheet.roll.model(org=village, **values)
        key = self.sheet.key_of(obj)
        if key in self.seen:
            return [_("与前面的行重复")]
        self.seen.add(key)
        current = self.existing.get(key)
        if current is not None:
            # The row is that household or member: checked as an update, not as a second one.
            obj.pk, obj._state.adding = current.pk, False
        self._consent(obj, current)
        try:
            clean_fields(obj, self.sheet.roll.fields)
        except ValidationError as exc:
            return _by_column(self.sheet, exc)
        if obj.id_needs_consent(current.id_number_value if current else ""):
            return [
                _("%(id)s: 登记身份证号须经本人同意，请在“%(c)s”列填写本人同意的日期")
                % {"id": self.sheet.column(obj.id_field), "c": CONSENT}
            ]
        if current is None:
            self.creates.append(obj)
        elif any(getattr(current, f) != getattr(obj, f) for f in self.compared):
            self.updates.append(obj)
        else:
            self.unchanged += 1
        return []

    def _consent(self, obj, current) -> None:
        """A date in the consent column records consent, by the importing user, unless that
        consent is on record already; an empty cell leaves the recorded consent as it is (an
        import never withdraws consent: that clears the ID number, services.withdraw_consent)."""
        day = obj.consent_on
        if current is not None and day in (None, current.consent_on):
            obj.consent_given, obj.consent_on, obj.consent_by = (getattr(current, f) for f in services.CONSENT_FIELDS)
        elif day is not None:
            obj.give_consent(day, self.username)
            self.consents += 1


def run(actor: Actor, sheet: Sheet, data: bytes) -> ImportReport:
    """Import an uploaded workbook and report what was created, updated and left unchanged;
    RowErrors and nothing written if any row is wrong."""
    require(actor, Action.REGISTERS_EDIT)
    rows = sheet_rows(data, sheet.header)
    if not rows:
        raise RowErrors([_("文件中没有数据行")])
    found = _Import(sheet, _villages(actor, rows), actor.username)
    for number, row in rows:
        found.check(number, row)
    if found.errors:
        raise RowErrors(found.errors)
    services.record_import(actor, sheet.roll, found.creates, found.updates, found.unchanged, found.consents)
    return ImportReport(created=len(found.creates), updated=len(found.updates), unchanged=found.unchanged)


def import_households(actor: Actor, data: bytes) -> ImportReport:
    return run(actor, HOUSEHOLDS, data)


def import_members(actor: Actor, data: bytes) -> ImportReport:
    return run(actor, MEMBERS, data)
