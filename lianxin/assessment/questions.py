"""The question bank as an Excel sheet a clerk fills in: one question a row. Every row is
checked first and each problem reported by row and column; nothing is written unless all rows
are valid (services.quiz.import_questions writes them in one transaction)."""

from django.utils.translation import gettext as _

from lianxin.assessment.choices import Difficulty, QuestionKind
from lianxin.core.imports import RowErrors
from lianxin.core.uploads import sheet_rows

OPTION_COLUMNS = ["选项A", "选项B", "选项C", "选项D", "选项E"]
HEADER = ["专题", "难度", "题型", "题目", *OPTION_COLUMNS, "答案", "解析"]
EXAMPLE = [
    "党章党规",
    "容易",
    "单选题",
    "党的最高领导机关是？",
    "党的全国代表大会和中央委员会",
    "中央政治局",
    "中央书记处",
    "",
    "",
    "A",
    "",
]
KIND_BY_LABEL = {str(k.label): k.value for k in QuestionKind}
DIFFICULTY_BY_LABEL = {str(d.label): d.value for d in Difficulty}
TRUE_FALSE = {"对": "T", "正确": "T", "T": "T", "错": "F", "错误": "F", "F": "F"}


def _answer(kind: str, raw: str, options: list[str]) -> str | None:
    """The stored answer (`"AC"`, `"T"`), or None when it does not fit the kind and options."""
    raw = raw.upper().replace(",", "").replace("，", "").replace(" ", "")
    if kind == QuestionKind.TRUE_FALSE:
        return TRUE_FALSE.get(raw)
    letters = "".join(sorted(set(raw)))
    allowed = "ABCDE"[: len(options)]
    if not letters or any(c not in allowed for c in letters) or len(letters) != len(raw):
        return None
    if kind == QuestionKind.SINGLE and len(letters) != 1:
        return None
    return letters


def _row(values: dict) -> tuple[dict | None, list[str]]:
    problems = []
    kind = KIND_BY_LABEL.get(values["题型"])
    difficulty = DIFFICULTY_BY_LABEL.get(values["难度"])
    options = [values[c] for c in OPTION_COLUMNS if values[c]]
    for column, ok, why in (
        ("专题", bool(values["专题"]), _("不能为空")),
        ("难度", difficulty is not None, _("须为 容易、中等 或 较难")),
        ("题型", kind is not None, _("须为 单选题、多选题 或 判断题")),
        ("题目", bool(values["题目"]) and len(values["题目"]) <= 500, _("不能为空，且不超过500字")),
    ):
        if not ok:
            problems.append((column, why))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
        problems.append(("选项A", _("选择题至少两个选项")))
    if kind and not problems and _answer(kind, values["答案"], options) is None:
        problems.append(("答案", _("答案与题型或选项不符")))
    if problems:
        return None, problems
    if kind == QuestionKind.TRUE_FALSE:
        options = []
    return {
        "topic": values["专题"],
        "difficulty": difficulty,
        "kind": kind,
        "text": values["题目"],
        "options": options,
        "answer": _answer(kind, values["答案"], options),
        "explanation": values["解析"][:500],
    }, []


def parse_questions(data: bytes) -> list[dict]:
    """Every row checked; `RowErrors` with each problem, or the questions ready to write."""
    errors, questions, seen = [], [], {}
    for line, values in sheet_rows(data, HEADER, max_rows=5000):
        question, problems = _row(values)
        errors += [_("第%(line)d行 列“%(col)s”: %(why)s") % {"line": line, "col": c, "why": w} for c, w in problems]
        if question and question["text"] in seen:
            errors.append(
                _("第%(line)d行 列“题目”: 与第%(other)d行重复") % {"line": line, "other": seen[question["text"]]}
            )
        elif question:
            seen[question["text"]] = line
            questions.append(question)
    if not questions and not errors:
        errors.append(_("没有数据行"))
    if errors:
        raise RowErrors(errors)
    return questions
