"""A county's assessment scheme as one Excel workbook a clerk can edit and import again (into
the same year, or a new one): sheet 方案 (name, and the period kind from which the year's
periods follow), sheet 维度权重 (the five dimensions' weights for each of the four subject
kinds) and sheet 评分项 (items with max points, evidence asked and where their points come
from). Every row of every sheet is checked first and each problem reported by sheet, row and
column header; nothing is written unless all are valid (services.schemes.replace_scheme writes
it in one transaction, or nothing at all when the file matches the scheme: 未变)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lianxin.assessment.choices import AutoSource, Dimension, PeriodKind, SubjectKind
from lianxin.assessment.models import Scheme
from lianxin.assessment.services import schemes
from lianxin.audit.services import Actor
from lianxin.core.excel import workbook_bytes
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.indicators import known_indicator
from lianxin.core.uploads import UploadError, workbook_sheets
from lianxin.orgs.models import Org

SCHEME_SHEET, WEIGHT_SHEET, ITEM_SHEET = "方案", "维度权重", "评分项"
SCHEME_HEADER = ["名称", "考核周期"]
WEIGHT_HEADER = ["考核对象", "维度", "权重（%）"]
ITEM_HEADER = ["考核对象", "维度", "序号", "评分项", "满分", "佐证材料要求", "来源", "系统计算指标"]
SHEETS = {SCHEME_SHEET: SCHEME_HEADER, WEIGHT_SHEET: WEIGHT_HEADER, ITEM_SHEET: ITEM_HEADER}
KINDS = {str(k.label): k.value for k in SubjectKind}
DIMENSIONS = {str(d.label): d.value for d in Dimension}
SOURCES = {str(s.label): s.value for s in AutoSource}
PERIOD_KINDS = {str(p.label): p.value for p in PeriodKind if p != PeriodKind.YEAR}


def export_scheme(scheme: Scheme) -> bytes:
    content = schemes.scheme_content(scheme)
    return _workbook(content)


def template_bytes() -> bytes:
    """A new scheme's content (default weights, the items filled from data) as the template."""
    return _workbook(schemes.default_content(_("××年度日常考核评估办法")))


def _workbook(content: dict) -> bytes:
    weight_rows = ([SubjectKind(k).label, Dimension(d).label, w] for (k, d), w in content["weights"].items())
    item_rows = (
        [
            SubjectKind(i["subject_kind"]).label,
            Dimension(i["dimension"]).label,
            i["number"],
            i["title"],
            float(i["max_points"]),
            i["evidence"],
            AutoSource(i["auto_source"]).label,
            i["indicator_code"],
        ]
        for i in content["items"]
    )
    # No title rows: the file is edited and imported again, header on row 1.
    return workbook_bytes(
        [
            (SCHEME_SHEET, SCHEME_HEADER, [[content["name"], PeriodKind(content["period_kind"]).label]]),
            (WEIGHT_SHEET, WEIGHT_HEADER, weight_rows),
            (ITEM_SHEET, ITEM_HEADER, item_rows),
        ]
    )


def import_scheme(actor: Actor, county: Org, year: int, data: bytes) -> ImportReport:
    """The workbook as the county's scheme of `year`: checked whole (`RowErrors`), then written."""
    return schemes.replace_scheme(actor, county, year, parse_scheme(data))


def parse_scheme(data: bytes) -> dict:
    sheets = workbook_sheets(data)
    errors: list[str] = []
    head = [row for _line, row in _rows(sheets, SCHEME_SHEET, _scheme_row, errors)]
    weights = _weights(_rows(sheets, WEIGHT_SHEET, _weight_row, errors), errors)
    items = _items(_rows(sheets, ITEM_SHEET, _item_row, errors), errors)
    if len(head) != 1 and not errors:
        errors.append(_("%(sheet)s: 须有且只有一行") % {"sheet": SCHEME_SHEET})
    if errors:
        raise RowErrors(errors)
    return {**head[0], "weights": weights, "items": items}


def _rows(sheets, name, parse_row, errors) -> list[tuple[int, dict]]:
    """(line, parsed row) of each valid non-empty row; each problem of the others into `errors`."""
    if name not in sheets:
        raise UploadError(_("缺少工作表“%(name)s”。请使用导出的考核方案文件或模板") % {"name": name})
    rows, header = sheets[name], SHEETS[name]
    found = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else ())]
    missing = [h for h in header if h not in found]
    if missing:
        raise UploadError(_("工作表“%(name)s”第1行缺少列：%(cols)s") % {"name": name, "cols": "、".join(missing)})
    parsed = []
    for line, values in enumerate(rows[1:], start=2):
        cells = {h: values[found.index(h)] if found.index(h) < len(values or ()) else None for h in header}
        cells = {h: "" if v is None else str(v).strip() for h, v in cells.items()}
        if not any(cells.values()):
            continue
        problems: list[tuple[str, str]] = []
        row = parse_row(cells, problems)
        errors.extend(
            _("%(sheet)s 第%(line)d行 列“%(col)s”: %(why)s") % {"sheet": name, "line": line, "col": c, "why": w}
            for c, w in problems
        )
        if not problems:
            parsed.append((line, row))
    return parsed


def _choice(cells, column, choices, problems) -> str | None:
    value = choices.get(cells[column])
    if value is None:
        problems.append((column, _("“%(v)s”无效，可填 %(all)s") % {"v": cells[column], "all": "、".join(choices)}))
    return value


def _decimal(cells, column, problems, whole: bool = False) -> Decimal | None:
    """A number above 0 and below 1000 (`whole`: an integer from 0, as weights and numbers are)."""
    try:
        value = Decimal(cells[column])
    except InvalidOperation:
        problems.append((column, _("“%(v)s”不是数字") % {"v": cells[column]}))
        return None
    if whole and (value != int(value) or not 0 <= value < 1000):
        problems.append((column, _("须为0到999的整数")))
    elif not whole and not 0 < value < 1000:
        problems.append((column, _("须大于0且小于1000")))
    return value


def _text(cells, column, problems, limit: int, required: bool = False) -> str:
    if required and not cells[column]:
        problems.append((column, _("不能为空")))
    if len(cells[column]) > limit:
        problems.append((column, _("超过%(n)d字") % {"n": limit}))
    return cells[column]


def _scheme_row(cells, problems) -> dict:
    return {
        "name": _text(cells, "名称", problems, 100, required=True),
        "period_kind": _choice(cells, "考核周期", PERIOD_KINDS, problems),
    }


def _weight_row(cells, problems) -> tuple:
    kind = _choice(cells, "考核对象", KINDS, problems)
    dimension = _choice(cells, "维度", DIMENSIONS, problems)
    weight = _decimal(cells, "权重（%）", problems, whole=True)
    return kind, dimension, int(weight) if weight is not None else 0


def _item_row(cells, problems) -> dict:
    number = _decimal(cells, "序号", problems, whole=True)
    source = _choice(cells, "来源", SOURCES, problems) if cells["来源"] else AutoSource.MANUAL
    code = cells["系统计算指标"]
    if (source == AutoSource.INDICATOR) != bool(code):
        problems.append(("系统计算指标", _("来源为“系统计算指标”时填写指标代码，其他来源不填")))
    else:
        try:
            known_indicator(code)
        except ValidationError as exc:
            problems.append(("系统计算指标", exc.messages[0]))
    return {
        "subject_kind": _choice(cells, "考核对象", KINDS, problems),
        "dimension": _choice(cells, "维度", DIMENSIONS, problems),
        "number": int(number) if number is not None else 0,
        "title": _text(cells, "评分项", problems, 200, required=True),
        "max_points": _decimal(cells, "满分", problems),
        "evidence": _text(cells, "佐证材料要求", problems, 200),
        "auto_source": source,
        "indicator_code": code,
    }


def _weights(rows, errors) -> dict:
    """Every kind's five dimensions, once each, adding up to 100."""
    weights, where = {}, {"sheet": WEIGHT_SHEET}
    for line, (kind, dimension, weight) in rows:
        if (kind, dimension) in weights:
            errors.append(_("%(sheet)s 第%(line)d行 列“维度”: 重复") % {**where, "line": line})
        weights[(kind, dimension)] = weight
    for kind in SubjectKind:
        given = [weights.get((kind, d)) for d in Dimension]
        if None in given or sum(given) != 100:
            errors.append(_("%(sheet)s: “%(kind)s”须有五个维度，权重合计为100") % {**where, "kind": kind.label})
    return {(k, d): weights[(k, d)] for k in SubjectKind for d in Dimension if (k, d) in weights}


def _items(rows, errors) -> list[dict]:
    seen = set()
    for line, item in rows:
        key = (item["subject_kind"], item["dimension"], item["number"])
        if key in seen:
            errors.append(_("%(sheet)s 第%(line)d行 列“序号”: 重复") % {"sheet": ITEM_SHEET, "line": line})
        seen.add(key)
    return sorted((item for _line, item in rows), key=schemes.item_key)
