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


@transaction.atomic
def create_scheme(actor: Actor, county: Org, year: int, *, name: str, period_kind: str = PeriodKind.MONTH) -> Scheme:
    """A new scheme with the default weights and the auto-filled items; the periods of its year."""
    scheme = _new_scheme(actor, county, year, name, period_kind)
    for kind in SubjectKind:
        for dimension, weight in DEFAULT_WEIGHTS.items():
            row = SchemeDimension.objects.create(scheme=scheme, subject_kind=kind, dimension=dimension, weight=weight)
            for number, (dim, only, title, source) in enumerate(AUTO_ITEMS, start=1):
                if dim == dimension and only in (None, kind):
                    ScoringItem.objects.create(
                        dimension=row, number=number, title=title, max_points=AUTO_POINTS, auto_source=source
                    )
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
    for old in source.dimensions.prefetch_related("items"):
        new = SchemeDimension.objects.create(
            scheme=scheme, subject_kind=old.subject_kind, dimension=old.dimension, weight=old.weight
        )
        ScoringItem.objects.bulk_create(
            ScoringItem(
                dimension=new,
                number=i.number,
                title=i.title,
                max_points=i.max_points,
                evidence=i.evidence,
                auto_source=i.auto_source,
                indicator_code=i.indicator_code,
            )
            for i in old.items.all()
        )
    record(actor, "assessment.scheme.copy", obj=scheme, org_code=county.code, after={"from_year": source.year})
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
