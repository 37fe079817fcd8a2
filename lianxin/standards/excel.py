"""A standard as an Excel workbook a clerk can edit: sheet 重点任务 and sheet 工作项. Import
checks every row of both sheets and reports each error by sheet, row and column; nothing is
written unless all rows are valid. A work item's computed indicator travels as its code in the
column 系统计算指标; a file from before that column imports with none."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from lianxin.audit.services import Actor
from lianxin.core import indicators
from lianxin.core.excel import workbook_bytes
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.uploads import UploadError, workbook_sheets
from lianxin.standards import services
from lianxin.standards.choices import Comparison, Star
from lianxin.standards.models import Standard

TASK_SHEET, ITEM_SHEET = "重点任务", "工作项"
CRITERIA_HEADER = ["评价标准", "佐证材料", "指标单位", "比较", "阈值", "权重"]
TASK_HEADER = ["星", "序号", "重点任务", *CRITERIA_HEADER]
INDICATOR = "系统计算指标"
ITEM_HEADER = ["重点任务序号", "编号", "工作项", *CRITERIA_HEADER, INDICATOR]
OPTIONAL = {INDICATOR}  # older files lack it
SHEETS = {TASK_SHEET: TASK_HEADER, ITEM_SHEET: ITEM_HEADER}
STAR_BY_LABEL = {str(s.label): s.value for s in Star}
COMPARISON_BY_LABEL = {c.label: c.value for c in Comparison} | {c.value: c.value for c in Comparison}


def export_standard(standard: Standard) -> bytes:
    tasks = list(standard.key_tasks.prefetch_related("work_items").order_by("number"))
    task_rows = ([t.get_star_display(), t.number, t.title, *_criteria_cells(t)] for t in tasks)
    item_rows = (
        [t.number, i.code, i.title, *_criteria_cells(i), i.indicator_code] for t in tasks for i in t.work_items.all()
    )
    # No title rows (heading None): the file is edited and imported again, header on row 1.
    return workbook_bytes([(TASK_SHEET, TASK_HEADER, task_rows), (ITEM_SHEET, ITEM_HEADER, item_rows)])


def _criteria_cells(obj) -> list:
    threshold = float(obj.indicator_threshold) if obj.indicator_threshold is not None else None
    comparison = Comparison(obj.indicator_comparison).label if obj.indicator_comparison else ""
    return [obj.criteria, obj.evidence, obj.indicator_unit, comparison, threshold, float(obj.weight)]


def import_standard(actor: Actor, standard: Standard, data: bytes) -> ImportReport:
    """Replace a draft's key tasks and work items with the workbook's: every row of both sheets
    checked first (`RowErrors`, nothing written), then all replaced in one transaction."""
    tasks = parse_standard(data)
    services.replace_content(actor, standard, tasks)
    return ImportReport(created=len(tasks))


def parse_standard(data: bytes) -> list[dict]:
    """Key tasks (with their work items) ready for services.replace_content."""
    sheets = workbook_sheets(data)
    errors: list[str] = []
    tasks = _parse_rows(sheets, TASK_SHEET, TASK_HEADER, _task_row, errors)
    items = _parse_rows(sheets, ITEM_SHEET, ITEM_HEADER, _item_row, errors)
    by_number = {}
    for line, task in tasks:
        if task["number"] in by_number:
            errors.append(
                _("%(sheet)s 第%(line)d行 列“序号”: 序号 %(n)d 重复")
                % {"sheet": TASK_SHEET, "line": line, "n": task["number"]}
            )
        by_number[task["number"]] = {**task, "work_items": []}
    seen_codes = set()
    for line, (number, item) in items:
        where = {"sheet": ITEM_SHEET, "line": line}
        if number not in by_number:
            errors.append(_("%(sheet)s 第%(line)d行 列“重点任务序号”: 重点任务 %(n)s 不存在") % {**where, "n": number})
        elif (number, item["code"]) in seen_codes:
            errors.append(_("%(sheet)s 第%(line)d行 列“编号”: 编号 %(c)s 重复") % {**where, "c": item["code"]})
        else:
            seen_codes.add((number, item["code"]))
            by_number[number]["work_items"].append(item)
    if not tasks and not errors:
        errors.append(_("%(sheet)s: 没有数据行") % {"sheet": TASK_SHEET})
    if errors:
        raise RowErrors(errors)
    return [by_number[n] for n in sorted(by_number)]


def _parse_rows(sheets, name, header, parse_row, errors):
    if name not in sheets:
        raise UploadError(_("缺少工作表“%(name)s”。请使用导出的标准文件或模板") % {"name": name})
    rows = sheets[name]
    found = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else ())]
    missing = [h for h in header if h not in found and h not in OPTIONAL]
    if missing:
        raise UploadError(_("工作表“%(name)s”第1行缺少列：%(cols)s") % {"name": name, "cols": "、".join(missing)})
    index = {h: found.index(h) for h in header if h in found}
    parsed = []
    for line, values in enumerate(rows[1:], start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        cells = {h: values[index[h]] if h in index and index[h] < len(values) else None for h in header}
        problems: list[str] = []
        result = parse_row(cells, problems)
        errors.extend(_("%(sheet)s 第%(line)d行 %(p)s") % {"sheet": name, "line": line, "p": p} for p in problems)
        if not problems:
            parsed.append((line, result))
    return parsed


def _text(cells, column, problems, required=False, limit=200) -> str:
    value = "" if cells[column] is None else str(cells[column]).strip()
    if required and not value:
        problems.append(_("列“%(c)s”: 不能为空") % {"c": column})
    if len(value) > limit:
        problems.append(_("列“%(c)s”: 超过%(n)d字") % {"c": column, "n": limit})
    return value


def _number(cells, column, problems, required=False) -> Decimal | None:
    value = cells[column]
    if value is None or str(value).strip() == "":
        if required:
            problems.append(_("列“%(c)s”: 不能为空") % {"c": column})
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        problems.append(_("列“%(c)s”: “%(v)s”不是数字") % {"c": column, "v": value})
        return None


def _criteria(cells, problems) -> dict:
    comparison_text = _text(cells, "比较", problems)
    comparison = COMPARISON_BY_LABEL.get(comparison_text, "") if comparison_text else ""
    if comparison_text and not comparison:
        problems.append(_("列“比较”: “%(v)s”无效，可填 ≥、≤、=") % {"v": comparison_text})
    threshold = _number(cells, "阈值", problems)
    if bool(comparison_text) != (threshold is not None):
        problems.append(_("列“比较”“阈值”: 须同时填写或同时留空"))
    weight = _number(cells, "权重", problems)
    return {
        "criteria": _text(cells, "评价标准", problems, limit=2000),
        "evidence": _text(cells, "佐证材料", problems, limit=2000),
        "indicator_unit": _text(cells, "指标单位", problems, limit=20),
        "indicator_comparison": comparison,
        "indicator_threshold": threshold,
        "weight": weight if weight is not None else Decimal("1"),
    }


def _task_row(cells, problems) -> dict:
    star_text = _text(cells, "星", problems, required=True)
    star = STAR_BY_LABEL.get(star_text)
    if star_text and star is None:
        problems.append(_("列“星”: “%(v)s”无效，可填 %(all)s") % {"v": star_text, "all": "、".join(STAR_BY_LABEL)})
    number = _number(cells, "序号", problems, required=True)
    if number is not None and (number != int(number) or not 1 <= number <= 999):
        problems.append(_("列“序号”: 应为1—999的整数"))
    return {
        "star": star,
        "number": int(number) if number is not None else None,
        "title": _text(cells, "重点任务", problems, required=True),
        **_criteria(cells, problems),
    }


def _indicator_code(cells, problems) -> str:
    code = _text(cells, INDICATOR, problems, limit=60)
    known = indicators.registry()
    if code and code not in known:
        problems.append(
            _("列“%(c)s”: “%(v)s”不是系统计算指标，可填 %(all)s") % {"c": INDICATOR, "v": code, "all": "、".join(known)}
        )
        return ""
    return code


def _item_row(cells, problems):
    number = _number(cells, "重点任务序号", problems, required=True)
    item = {
        "code": _text(cells, "编号", problems, required=True, limit=10),
        "title": _text(cells, "工作项", problems, required=True),
        **_criteria(cells, problems),
        "indicator_code": _indicator_code(cells, problems),
    }
    return (int(number) if number is not None else None), item
