"""Excel imports of households and party members (security.md item 18): every row checked
first, all written or none, errors by row and column; upsert by natural key, so importing the
same file twice changes nothing."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.permissions import require
from lianxin.core.uploads import sheet_rows
from lianxin.liaison.choices import Gender
from lianxin.liaison.models import Household, PartyMember
from lianxin.liaison.plugin import Action
from lianxin.liaison.services import HOUSEHOLD_FIELDS, MEMBER_FIELDS, refresh_village
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org

HOUSEHOLD_HEADER = ["村代码", "户号", "户主姓名", "户主身份证号", "家庭人口", "村民组", "住址", "联系电话", "标签"]
HOUSEHOLD_EXAMPLE = [
    "410883105201",
    "001",
    "王建国",
    "",
    "4",
    "一组",
    "西虢村一组12号",
    "13800138000",
    "低保户、独居老人",
]
MEMBER_HEADER = ["村代码", "姓名", "性别", "出生日期", "入党日期", "党内职务", "手机号", "身份证号"]
MEMBER_EXAMPLE = ["410883105201", "李红梅", "女", "1990-05-01", "2015-07-01", "支部委员", "13900139000", ""]
GENDER_BY_LABEL = {str(g.label): g.value for g in Gender} | {g.value: g.value for g in Gender}
_DATE = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?")


class RowErrors(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def parse_date(text: str) -> date | None:
    if not text:
        return None
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


def _villages(actor: Actor, rows) -> dict[str, Org]:
    codes = {r["村代码"] for _, r in rows}
    return (
        {
            o.code: o
            for o in Org.objects.restrict(actor.user, Action.LIAISON_EDIT).filter(
                code__in=codes, kind__in=GRASSROOTS_KINDS
            )
        }
        if actor.user
        else {o.code: o for o in Org.objects.filter(code__in=codes, kind__in=GRASSROOTS_KINDS)}
    )


def _messages(exc: ValidationError, labels: dict[str, str]) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{labels.get(f, f)}: {m}" for f, errs in exc.message_dict.items() for m in errs]
    return exc.messages


def _run(actor, data, header, model, key, build, fields, action_name):
    require(actor, Action.LIAISON_EDIT)
    rows = sheet_rows(data, header)
    if not rows:
        raise RowErrors([_("文件中没有数据行")])
    villages = _villages(actor, rows)
    existing = {key(obj): obj for obj in model.objects.filter(org__in=list(villages.values())).select_related("org")}
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    errors, creates, updates, seen = [], [], [], set()
    for number, r in rows:
        problems = []
        village = villages.get(r["村代码"])
        if village is None:
            problems.append(_("村代码: %(c)s 不存在、不是村（社区）或不在您的管理范围内") % {"c": r["村代码"]})
            errors.extend(_("第%(n)d行 %(p)s") % {"n": number, "p": p} for p in problems)
            continue
        try:
            values = build(r)
        except ValueError as exc:
            errors.append(_("第%(n)d行 %(p)s") % {"n": number, "p": exc.args[0]})
            continue
        obj = model(org=village, **values)
        k = key(obj)
        if k in seen:
            problems.append(_("与前面的行重复"))
        seen.add(k)
        current = existing.get(k)
        if current is not None:
            obj.pk = current.pk
        try:
            obj.full_clean(exclude=[f.name for f in model._meta.fields if f.name not in (*fields, "org")])
        except ValidationError as exc:
            problems.extend(_messages(exc, labels))
        if problems:
            errors.extend(_("第%(n)d行 %(p)s") % {"n": number, "p": p} for p in problems)
        elif current is None:
            creates.append(obj)
        elif any(getattr(current, f) != getattr(obj, f) for f in fields):
            updates.append(obj)
    if errors:
        raise RowErrors(errors)
    with transaction.atomic():
        model.objects.bulk_create(creates, batch_size=1000)
        if updates:
            model.objects.bulk_update(updates, fields, batch_size=1000)
        touched = {o.org_id: o.org for o in creates + updates}
        for village in touched.values():
            refresh_village(village)
        if creates or updates:
            record(
                actor,
                action_name,
                object_type=model._meta.label_lower,
                object_repr=_("Excel 导入"),
                org_code=min((v.code for v in touched.values()), key=len),
                after={
                    "created": len(creates),
                    "updated": len(updates),
                    "villages": sorted(v.code for v in touched.values()),
                },
            )
    return {"created": len(creates), "updated": len(updates), "unchanged": len(rows) - len(creates) - len(updates)}


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
    }


def import_households(actor: Actor, data: bytes) -> dict:
    return _run(
        actor,
        data,
        HOUSEHOLD_HEADER,
        Household,
        lambda o: (o.org_id, o.number),
        _household,
        HOUSEHOLD_FIELDS,
        "liaison.household.import",
    )


def import_members(actor: Actor, data: bytes) -> dict:
    return _run(
        actor,
        data,
        MEMBER_HEADER,
        PartyMember,
        lambda o: (o.org_id, o.name, o.birth_date),
        _member,
        MEMBER_FIELDS,
        "liaison.member.import",
    )
