"""A county's rating settings for a year (windows, review chain, deadlines, task forces, award)
and its quotas; the county and task force an application belongs to."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import require
from lianxin.orgs.choices import OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.rating.choices import QuotaKind, StepKind
from lianxin.rating.models import Quota, RatingConfig
from lianxin.rating.plugin import Action
from lianxin.standards.choices import Star

CONFIG_FIELDS = (
    "window_start",
    "window_end",
    "chain",
    "progress_chain",
    "step_days",
    "publicity_days",
    "task_forces",
    "award_amount",
    "require_evidence",
)


def county_of(org: Org) -> Org:
    return Org.objects.get(code=org.ancestor_code(OrgLevel.COUNTY))


def config_for(county: Org, year: int) -> RatingConfig:
    """The county's settings for the year, or the defaults (unsaved) when it has none."""
    return RatingConfig.objects.filter(org=county, year=year).first() or RatingConfig(org=county, year=year)


def task_force_name(star: str) -> str:
    """「支部过硬星工作专班」: org names are data in Chinese, whatever language the page is in."""
    with translation.override("zh-hans"):
        return f"{Star(star).label}工作专班"


def task_force_for(county: Org, star: str, config: RatingConfig | None = None) -> Org:
    """The task force that reviews `star` in `county`: the one named in the county's settings,
    else by naming convention the county's task force called 「<star label>工作专班」
    (孟州市: 支部过硬星工作专班 reviews 支部过硬星)."""
    config = config or config_for(county, timezone.localdate().year)
    units = Org.objects.filter(parent=county, kind=OrgKind.TASK_FORCE)
    code = (config.task_forces or {}).get(star)
    found = units.filter(code=code).first() if code else units.filter(name=task_force_name(star)).first()
    if found is None:
        raise ValidationError(
            _("%(county)s 没有负责%(star)s的工作专班，请创建办在评星设置中指定")
            % {"county": county, "star": Star(star).label}
        )
    return found


def _check_chain(chain) -> list[str]:
    if (
        not isinstance(chain, list)
        or not chain
        or any(k not in StepKind.values for k in chain)
        or len(set(chain)) != len(chain)
    ):
        raise ValidationError(
            _("审核流程须为不重复的审核环节：%(kinds)s") % {"kinds": "、".join(str(k) for k in StepKind.labels)}
        )
    return chain


@transaction.atomic
def save_config(actor: Actor, county: Org, year: int, **fields) -> RatingConfig:
    require(actor, Action.RATING_CONFIG, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("评星设置由县（市、区）创建办制定"))
    config = RatingConfig.objects.select_for_update().filter(org=county, year=year).first()
    before = snapshot(config, CONFIG_FIELDS) if config else None
    config = config or RatingConfig(org=county, year=year)
    for name, value in fields.items():
        if name not in CONFIG_FIELDS:
            raise ValueError(name)
        setattr(config, name, value)
    _check_chain(config.chain)
    _check_chain(config.progress_chain)
    if config.window_start and config.window_end and config.window_start > config.window_end:
        raise ValidationError(_("申报截止日期不能早于开始日期"))
    task_forces = {}
    for star, code in (config.task_forces or {}).items():
        if (
            star not in Star.values
            or not Org.objects.filter(code=code, parent=county, kind=OrgKind.TASK_FORCE).exists()
        ):
            raise ValidationError(_("专班设置有误：%(star)s → %(code)s") % {"star": star, "code": code})
        task_forces[star] = code
    config.task_forces = task_forces
    config.full_clean(exclude=["org"])
    config.save()
    record(
        actor,
        "rating.config.save",
        obj=config,
        org_code=county.code,
        before=before,
        after=snapshot(config, CONFIG_FIELDS),
    )
    return config


@transaction.atomic
def set_quota(actor: Actor, county: Org, year: int, *, kind: str, limit: int, level: int = 0, star: str = "") -> Quota:
    require(actor, Action.RATING_CONFIG, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("名额由县（市、区）设定"))
    if kind == QuotaKind.LEVEL:
        if not 1 <= level <= 5:
            raise ValidationError(_("星级名额须为1—5星"))
        star = ""
    elif kind == QuotaKind.PROGRESS:
        if star not in Star.values:
            raise ValidationError(_("进步星名额须指定星"))
        level = 0
    else:
        raise ValidationError(_("无效的名额类型"))
    if limit < 0:
        raise ValidationError(_("名额不能为负数"))
    quota = Quota.objects.select_for_update().filter(org=county, year=year, kind=kind, level=level, star=star).first()
    before = snapshot(quota, ("limit", "used")) if quota else None
    if quota and limit < quota.used:
        raise ValidationError(_("名额不能少于已认定的 %(n)d 个") % {"n": quota.used})
    quota = quota or Quota(org=county, year=year, kind=kind, level=level, star=star)
    quota.limit = limit
    quota.save()
    record(
        actor,
        "rating.quota.save",
        obj=quota,
        object_repr=f"{county} {year} {quota.label}",
        org_code=county.code,
        before=before,
        after=snapshot(quota, ("kind", "level", "star", "limit", "used")),
    )
    return quota
