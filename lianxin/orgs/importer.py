"""Import the official division codes (data/README.md layout): validate every row of every
file first, write nothing unless all are valid, then upsert by code so a re-run changes
nothing (architecture §6)."""

import csv
import gzip
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from lianxin.audit.services import Actor, record
from lianxin.core.progress import Progress
from lianxin.orgs.choices import CODE_LENGTH, GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.naming import pinyin_initials, short_name

# file stem, level, column naming the parent (None for the root)
FILES = (
    ("provinces", OrgLevel.PROVINCE, None),
    ("cities", OrgLevel.CITY, "provinceCode"),
    ("areas", OrgLevel.COUNTY, "cityCode"),
    ("streets", OrgLevel.TOWNSHIP, "areaCode"),
    ("villages", OrgLevel.VILLAGE, "streetCode"),
)
LEVEL_KIND = {
    OrgLevel.PROVINCE: OrgKind.PROVINCE,
    OrgLevel.CITY: OrgKind.CITY,
    OrgLevel.COUNTY: OrgKind.COUNTY,
    OrgLevel.TOWNSHIP: OrgKind.TOWNSHIP,
}
MAX_ERRORS = 50


class DivisionImportError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Row:
    code: str
    name: str
    parent_code: str | None
    level: int

    @property
    def kind(self) -> str:
        if self.level == OrgLevel.VILLAGE:
            # 001–199 residents' committee (community), 200 and up villagers' committee.
            return OrgKind.COMMUNITY if int(self.code[9:]) < 200 else OrgKind.VILLAGE
        return LEVEL_KIND[self.level]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    per_level: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _open(directory: Path, stem: str):
    for name, opener in ((f"{stem}.csv", open), (f"{stem}.csv.gz", gzip.open)):
        path = directory / name
        if path.exists():
            return name, opener(path, "rt", encoding="utf-8-sig", newline="")
    raise DivisionImportError([f"{directory}: 缺少文件 {stem}.csv（或 {stem}.csv.gz）"])


def _in_prefix(code: str, prefix: str | None) -> bool:
    return not prefix or code.startswith(prefix) or prefix.startswith(code)


def read_rows(directory: Path, prefix: str | None = None) -> list[Row]:
    """Every row of every file, validated; raises DivisionImportError listing what is wrong."""
    rows: list[Row] = []
    errors: list[str] = []
    known: set[str] = set(Org.objects.filter(level__lt=OrgLevel.VILLAGE).values_list("code", flat=True))
    for stem, level, parent_column in FILES:
        filename, handle = _open(directory, stem)
        with handle:
            try:
                level_rows = _read_file(filename, handle, level, parent_column, known, prefix, errors)
            except (UnicodeDecodeError, csv.Error, gzip.BadGzipFile, EOFError, OSError) as exc:
                errors.append(f"{filename}: 无法读取文件（{exc.__class__.__name__}），请确认是 UTF-8 编码的 CSV")
                level_rows = []
        rows.extend(level_rows)
        known.update(r.code for r in level_rows)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise DivisionImportError(errors[:MAX_ERRORS])
    return rows


def _read_file(filename, handle, level, parent_column, known, prefix, errors) -> list[Row]:
    reader = csv.DictReader(handle)
    needed = {"code", "name"} | ({parent_column} if parent_column else set())
    missing = needed - set(reader.fieldnames or [])
    if missing:
        errors.append(f"{filename}: 第1行: 缺少列 {', '.join(sorted(missing))}")
        return []
    length = CODE_LENGTH[level]
    rows, seen = [], set()
    for line, raw in enumerate(reader, start=2):
        code = (raw.get("code") or "").strip()
        name = (raw.get("name") or "").strip()
        if not _in_prefix(code, prefix):
            continue
        problem = _row_problem(code, name, length, seen)
        parent_code = (raw.get(parent_column) or "").strip() if parent_column else None
        if not problem and parent_column:
            if parent_code != code[: len(parent_code)] or not parent_code:
                problem = f"列 {parent_column}: 上级代码 {parent_code!r} 不是代码 {code} 的前缀"
            elif parent_code not in known:
                problem = f"列 {parent_column}: 上级代码 {parent_code} 不存在"
        if problem:
            errors.append(f"{filename}: 第{line}行: {problem}")
            if len(errors) >= MAX_ERRORS:
                break
            continue
        seen.add(code)
        rows.append(Row(code, name, parent_code, level))
    return rows


def _row_problem(code: str, name: str, length: int, seen: set) -> str | None:
    if not code.isdigit() or len(code) != length:
        return f"列 code: {code!r} 应为 {length} 位数字"
    if not name:
        return "列 name: 名称为空"
    if len(name) > 100:
        return "列 name: 名称超过100字"
    if code in seen:
        return f"列 code: 代码 {code} 重复"
    return None


def apply_rows(rows: list[Row], actor: Actor, prefix: str | None = None, progress: bool = False) -> ImportReport:
    report = ImportReport()
    bar = Progress("导入区划", len(rows)) if progress else None
    with transaction.atomic():
        existing = {
            code: (pk, name)
            for code, pk, name in Org.objects.filter(kind__in=GEOGRAPHIC_KINDS).values_list("code", "pk", "name")
        }
        ids = {code: pk for code, (pk, _) in existing.items()}
        for level, level_rows in _by_level(rows):
            created, updated = _apply_level(level_rows, existing, ids)
            report.created += created
            report.updated += updated
            report.unchanged += len(level_rows) - created - updated
            report.per_level[level] = len(level_rows)
            if bar:
                bar.advance(len(level_rows))
        if report.changed:
            store_grassroots_counts()
            record(
                actor,
                "orgs.division.import",
                object_type="orgs.org",
                object_repr=f"区划导入 {prefix or '全部'}",
                org_code=prefix or "",
                after={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
    return report


def store_grassroots_counts(model=Org) -> None:
    """Recount every unit's villages and communities (a few seconds for all of Henan, and only
    when an import changed something). `model`: the migration that adds the field passes its own."""
    counts: dict[str, int] = {}
    for code in model.objects.filter(kind__in=GRASSROOTS_KINDS).values_list("code", flat=True).iterator(2000):
        for length in (2, 4, 6, 9):
            counts[code[:length]] = counts.get(code[:length], 0) + 1
    units = list(model.objects.filter(kind__in=GEOGRAPHIC_KINDS).exclude(kind__in=GRASSROOTS_KINDS).only("pk", "code"))
    for org in units:
        org.grassroots = counts.get(org.code, 0)
    model.objects.bulk_update(units, ["grassroots"], batch_size=2000)


def _by_level(rows):
    for _, level, _ in FILES:
        level_rows = [r for r in rows if r.level == level]
        if level_rows:
            yield level, level_rows


def _apply_level(level_rows: list[Row], existing: dict, ids: dict) -> tuple[int, int]:
    to_create, to_update = [], []
    for row in level_rows:
        found = existing.get(row.code)
        if found is None:
            to_create.append(_new_org(row, ids))
        elif found[1] != row.name:
            org = Org(pk=found[0], name=row.name, short_name=short_name(row.name))
            org.initials = pinyin_initials(org.short_name)
            to_update.append(org)
    Org.objects.bulk_create(to_create, batch_size=2000)
    Org.objects.bulk_update(to_update, ["name", "short_name", "initials"], batch_size=2000)
    # Both databases return the new primary keys from bulk_create (RETURNING).
    ids.update((org.code, org.pk) for org in to_create)
    return len(to_create), len(to_update)


def _new_org(row: Row, ids: dict) -> Org:
    short = short_name(row.name)
    return Org(
        code=row.code,
        name=row.name,
        short_name=short,
        initials=pinyin_initials(short),
        kind=row.kind,
        level=row.level,
        parent_id=ids.get(row.parent_code) if row.parent_code else None,
    )


def import_divisions(directory, actor: Actor, prefix: str | None = None, progress: bool = False) -> ImportReport:
    if prefix is not None and (not prefix.isdigit() or len(prefix) not in CODE_LENGTH.values()):
        raise DivisionImportError([f"--prefix {prefix!r} 应为 2/4/6/9/12 位区划代码"])
    return apply_rows(read_rows(Path(directory), prefix), actor, prefix, progress)
