"""The supply library's Excel import: every row checked first, all written or none, errors by
row and column. A row is a department's fund for a year (natural key: year, department, fund
name): a new one is added, a changed one updated — but never below what is already matched —
and the same one left alone, so importing the same file twice changes nothing."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.changes import clean_fields
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.permissions import require
from lianxin.core.uploads import sheet_rows
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.projects.choices import ProjectKind
from lianxin.projects.models import SupplyProject
from lianxin.projects.plugin import Action
from lianxin.standards.choices import Star

COLUMNS = {
    "department": "来源部门",
    "fund_name": "资金/项目名称",
    "kind": "类型",
    "amount": "金额（万元）",
    "year": "年度",
    "conditions": "申报条件",
    "star": "服务星",
}
HEADER = list(COLUMNS.values())
EXAMPLE = ["县农业农村局", "衔接推进乡村振兴补助资金", "产业发展", "200", "2026", "村集体经济薄弱村优先", "产业兴旺星"]
FIELDS = tuple(COLUMNS)
KINDS = {str(k.label): k.value for k in ProjectKind}
STARS = {str(s.label): s.value for s in Star} | {"": ""}


def _values(row: dict) -> dict:
    """Field values of a row; ValueError(message) for a bad cell."""
    try:
        amount = Decimal(row[COLUMNS["amount"]])
    except InvalidOperation:
        raise ValueError(_("%(c)s: %(v)s 不是金额") % {"c": COLUMNS["amount"], "v": row[COLUMNS["amount"]]}) from None
    if not row[COLUMNS["year"]].isdigit():
        raise ValueError(_("%(c)s: %(v)s 不是年份") % {"c": COLUMNS["year"], "v": row[COLUMNS["year"]]})
    for field, choices in (("kind", KINDS), ("star", STARS)):
        if row[COLUMNS[field]] not in choices:
            names = "、".join(k for k in choices if k)
            raise ValueError(_("%(c)s: 应为 %(names)s 之一") % {"c": COLUMNS[field], "names": names})
    return {
        "department": row[COLUMNS["department"]],
        "fund_name": row[COLUMNS["fund_name"]],
        "kind": KINDS[row[COLUMNS["kind"]]],
        "amount": amount,
        "year": int(row[COLUMNS["year"]]),
        "conditions": row[COLUMNS["conditions"]],
        "star": STARS[row[COLUMNS["star"]]],
    }


def _problems(county: Org, row: dict, existing: dict, seen: set) -> tuple[list[str], SupplyProject | None]:
    try:
        values = _values(row)
    except ValueError as exc:
        return [exc.args[0]], None
    key = (values["year"], values["department"], values["fund_name"])
    if key in seen:
        return [_("与前面的行重复")], None
    seen.add(key)
    current = existing.get(key)
    supply = SupplyProject(org=county, **values)
    if current is not None:
        supply.pk, supply._state.adding, supply.allocated = current.pk, False, current.allocated
        if supply.amount < current.allocated:
            return [_("金额不能低于已匹配的 %(a)s 万元") % {"a": current.allocated}], None
    try:
        clean_fields(supply, FIELDS)
    except ValidationError as exc:
        return [f"{COLUMNS.get(field, '')}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()], None
    return [], supply


@transaction.atomic
def import_supply(actor: Actor, county: Org, data: bytes) -> ImportReport:
    require(actor, Action.PROJECTS_SUPPLY, county.code)
    if county.kind != OrgKind.COUNTY:
        raise ValidationError(_("供给侧项目库按县（市、区）建立"))
    rows = sheet_rows(data, HEADER)
    if not rows:
        raise RowErrors([_("文件中没有数据行")])
    existing = {(s.year, s.department, s.fund_name): s for s in SupplyProject.objects.filter(org=county)}
    errors, creates, updates, unchanged, seen = [], [], [], 0, set()
    for number, row in rows:
        problems, supply = _problems(county, row, existing, seen)
        errors.extend(_("第%(n)d行 %(p)s") % {"n": number, "p": p} for p in problems)
        if supply is None:
            continue
        current = existing.get((supply.year, supply.department, supply.fund_name))
        if current is None:
            creates.append(supply)
        elif any(getattr(current, f) != getattr(supply, f) for f in FIELDS):
            updates.append(supply)
        else:
            unchanged += 1
    if errors:
        raise RowErrors(errors)
    SupplyProject.objects.bulk_create(creates)
    SupplyProject.objects.bulk_update(updates, [f for f in FIELDS if f not in ("year", "department", "fund_name")])
    report = ImportReport(created=len(creates), updated=len(updates), unchanged=unchanged)
    record(
        actor,
        "projects.supply.import",
        object_type="projects.supplyproject",
        object_repr=county.name,
        org_code=county.code,
        after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    return report
