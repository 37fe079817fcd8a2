"""The county's assessment scheme: created with the five dimensions for each of the four
subject kinds (default weights, the auto-filled items), its periods, its scoring items and
weights; copied from last year's. The subjects it scores are kept in services/subjects.py."""

import calendar
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.assessment.choices import AutoSource, Dimension, PeriodKind, SubjectKind
from lianxin.assessment.models import Period, Scheme, SchemeDimension, ScoringItem
from lianxin.assessment.plugin import Action
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import clean_fields, locked
from lianxin.core.imports import ImportReport
from lianxin.core.indicators import known_indicator
from lianxin.core.permissions import require
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org

DEFAULT_WEIGHTS = {
    Dimension.BASIC: 30,
    Dimension.HIGHLIGHTS: 20,
    Dimension.RESULTS: 30,
    Dimension.KNOWLEDGE: 10,
    Dimension.OTHER: 10,
}
# Items every new scheme starts with: they are filled in from data, not by a scorer.
AUTO_ITEMS = (
    (Dimension.KNOWLEDGE, None, "知识测试成绩", AutoSource.KNOWLEDGE),
    (Dimension.BASIC, SubjectKind.TASK_FORCE, "一把手参加专班例会并汇报进展", AutoSource.MEETING),
)
AUTO_POINTS = Decimal("10")


def _county(county: Org) -> Org:
    if county.kind != OrgKind.COUNTY:
        raise ValidationError(_("考核方案须由县（市、区）制定"))
    return county


def _periods(scheme: Scheme) -> list[Period]:
    year, months = scheme.year, 1 if scheme.period_kind == PeriodKind.MONTH else 3
    periods = [
        Period(
            scheme=scheme,
            kind=scheme.period_kind,
            number=n,
            start=date(year, (n - 1) * months + 1, 1),
            end=date(year, n * months, calendar.monthrange(year, n * months)[1]),
        )
        for n in range(1, 12 // months + 1)
    ]
    return [
        *periods,
        Period(scheme=scheme, kind=PeriodKind.YEAR, number=0, start=date(year, 1, 1), end=date(year, 12, 31)),
    ]


def _new_scheme(actor: Actor, county: Org, year: int, name: str, period_kind: str) -> Scheme:
    require(actor, Action.ASSESSMENT_MANAGE, _county(county).code)
    if period_kind not in (PeriodKind.MONTH, PeriodKind.QUARTER):
        raise ValidationError(_("考核周期须为月度或季度"))
    scheme = Scheme(org=county, year=year, name=name.strip(), period_kind=period_kind)
    clean_fields(scheme, ("year", "name", "period_kind"))
    scheme.save()
    Period.objects.bulk_create(_periods(scheme))
    return scheme


ITEM_FIELDS = ("number", "title", "max_points", "evidence", "auto_source", "indicator_code")
KIND_ORDER = {k: n for n, k in enumerate(SubjectKind)}
DIMENSION_ORDER = {d: n for n, d in enumerate(Dimension)}


def item_key(item: dict) -> tuple:
    return KIND_ORDER[item["subject_kind"]], DIMENSION_ORDER[item["dimension"]], item["number"]


def default_content(name: str) -> dict:
    """A new scheme: the default weights for every kind, and the items filled in from data."""
    items = [
        {"subject_kind": kind, "dimension": dim, "number": number, "title": title, "max_points": AUTO_POINTS}
        | {"evidence": "", "auto_source": source, "indicator_code": ""}
        for kind in SubjectKind
        for number, (dim, only, title, source) in enumerate(AUTO_ITEMS, start=1)
        if only in (None, kind)
    ]
    weights = {(kind, dimension): weight for kind in SubjectKind for dimension, weight in DEFAULT_WEIGHTS.items()}
    return {"name": name, "period_kind": PeriodKind.MONTH, "weights": weights, "items": sorted(items, key=item_key)}


def scheme_content(scheme: Scheme) -> dict:
    """What the scheme lays down, in the shape default_content() and the workbook give."""
    dimensions = list(scheme.dimensions.prefetch_related("items"))
    found = {(d.subject_kind, d.dimension): d.weight for d in dimensions}
    items = [
        {"subject_kind": d.subject_kind, "dimension": d.dimension, **{f: getattr(i, f) for f in ITEM_FIELDS}}
        for d in dimensions
        for i in d.items.all()
    ]
    return {
        "name": scheme.name,
        "period_kind": scheme.period_kind,
        "weights": {(k, d): found[(k, d)] for k in SubjectKind for d in Dimension if (k, d) in found},
        "items": sorted(items, key=item_key),
    }


def _fill(scheme: Scheme, content: dict) -> None:
    """The content's dimensions and items under a scheme that has none."""
    dimensions = SchemeDimension.objects.bulk_create(
        SchemeDimension(scheme=scheme, subject_kind=kind, dimension=dimension, weight=weight)
        for (kind, dimension), weight in content["weights"].items()
    )
    by_key = {(d.subject_kind, d.dimension): d for d in dimensions}
    ScoringItem.objects.bulk_create(
        ScoringItem(dimension=by_key[(i["subject_kind"], i["dimension"])], **{f: i[f] for f in ITEM_FIELDS})
        for i in content["items"]
    )


@transaction.atomic
def create_scheme(actor: Actor, county: Org, year: int, *, name: str, period_kind: str = PeriodKind.MONTH) -> Scheme:
    """A new scheme with the default weights and the auto-filled items; the periods of its year."""
    scheme = _new_scheme(actor, county, year, name, period_kind)
    _fill(scheme, default_content(name))
    record(
        actor,
        "assessment.scheme.create",
        obj=scheme,
        org_code=county.code,
        after=snapshot(scheme, ("year", "name", "period_kind")),
    )
    return scheme


@transaction.atomic
def copy_scheme(actor: Actor, county: Org, year: int) -> Scheme:
    """This year's scheme as a copy of last year's: weights and items, new periods."""
    source = Scheme.objects.filter(org=county, year=year - 1).first()
    if source is None:
        raise ValidationError(_("上年度没有考核方案可沿用"))
    scheme = _new_scheme(actor, county, year, source.name.replace(str(year - 1), str(year)), source.period_kind)
    _fill(scheme, scheme_content(source))
    record(actor, "assessment.scheme.copy", obj=scheme, org_code=county.code, after={"from_year": source.year})
    return scheme


@transaction.atomic
def replace_scheme(actor: Actor, county: Org, year: int, content: dict) -> ImportReport:
    """The county's scheme of `year` made, or replaced while nothing is scored under it, from
    checked content (schemebook.py); the same content again changes nothing (未变)."""
    require(actor, Action.ASSESSMENT_MANAGE, _county(county).code)
    scheme = Scheme.objects.select_for_update().filter(org=county, year=year).first()
    count = len(content["items"])
    if scheme is not None and scheme_content(scheme) == content:
        return ImportReport(unchanged=count)
    if scheme is None:
        scheme, report = (
            _new_scheme(actor, county, year, content["name"], content["period_kind"]),
            ImportReport(created=count),
        )
    else:
        scheme, report = _reset(actor, scheme, content), ImportReport(updated=count)
    _fill(scheme, content)
    record(actor, "assessment.scheme.import", obj=scheme, org_code=county.code, after={"year": year, **vars(report)})
    return report


def _reset(actor: Actor, scheme: Scheme, content: dict) -> Scheme:
    """An unscored scheme emptied for new content: name, period kind (and so its periods)."""
    scheme = _editable(actor, scheme)
    if scheme.period_kind != content["period_kind"]:
        scheme.periods.all().delete()
        scheme.period_kind = content["period_kind"]
        Period.objects.bulk_create(_periods(scheme))
    scheme.name = content["name"]
    clean_fields(scheme, ("name", "period_kind"))
    scheme.save()
    scheme.dimensions.all().delete()
    return scheme


def _editable(actor: Actor, scheme: Scheme) -> Scheme:
    """The scheme, locked, once the actor may change it and no score has been given under it."""
    scheme = locked(scheme)
    require(actor, Action.ASSESSMENT_MANAGE, scheme.org.code)
    if Period.objects.filter(scheme=scheme, scores__isnull=False).exists():
        raise ValidationError(_("已有评分的考核方案不能再修改"))
    return scheme


@transaction.atomic
def set_weights(actor: Actor, scheme: Scheme, subject_kind: str, weights: dict[str, int]) -> None:
    """The five dimensions' weights for one subject kind; they must add up to 100."""
    scheme = _editable(actor, scheme)
    if set(weights) != set(Dimension.values) or sum(weights.values()) != 100:
        raise ValidationError(_("五个维度的权重合计须为100"))
    rows = {d.dimension: d for d in scheme.dimensions.filter(subject_kind=subject_kind)}
    before = {d: rows[d].weight for d in rows}
    for dimension, weight in weights.items():
        rows[dimension].weight = weight
    SchemeDimension.objects.bulk_update(rows.values(), ["weight"])
    record(actor, "assessment.item.save", obj=scheme, org_code=scheme.org.code, before=before, after=dict(weights))


@transaction.atomic
def add_item(
    actor: Actor,
    dimension: SchemeDimension,
    *,
    title: str,
    max_points: Decimal,
    evidence: str = "",
    indicator_code: str = "",
) -> ScoringItem:
    """A scoring item numbered after the dimension's last: filled in by the scorer, or from the
    computed indicator it names (which some installed app must compute)."""
    _editable(actor, dimension.scheme)
    known_indicator(indicator_code)
    last = dimension.items.order_by("-number").values_list("number", flat=True).first() or 0
    item = ScoringItem(
        dimension=dimension,
        number=last + 1,
        title=title.strip(),
        max_points=max_points,
        evidence=evidence.strip(),
        auto_source=AutoSource.INDICATOR if indicator_code else AutoSource.MANUAL,
        indicator_code=indicator_code,
    )
    item.full_clean(exclude=["dimension"])
    if item.max_points <= 0:
        raise ValidationError(_("满分须大于0"))
    item.save()
    after = snapshot(item, ("number", "title", "max_points", "evidence", "indicator_code"))
    record(actor, "assessment.item.save", obj=item, org_code=dimension.scheme.org.code, after=after)
    return item
