"""Bulletins and floors: guard, change and audit in one transaction. A bulletin is asked for
here (by the office's button or the Monday command) and built by the task worker (tasks.py):
the request returns at once, the page shows the progress, a failure says why and can be
retried. Ranking, flags and last week's comparison are worked out here from the computed
figures, so the stored snapshot holds exactly what was published."""

from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields
from lianxin.core.permissions import require
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.rhythm import keylists
from lianxin.rhythm.choices import BulletinStatus, Flag
from lianxin.rhythm.figures import RATES
from lianxin.rhythm.models import Bulletin, RhythmConfig
from lianxin.rhythm.plugin import Action

BULLETIN_KINDS = (OrgKind.CITY, OrgKind.COUNTY)
FLOOR_FIELDS = ("on_time_floor", "in_time_floor", "satisfaction_floor", "coverage_floor", "margin")


def config_for(org: Org) -> RhythmConfig:
    return RhythmConfig.objects.filter(org=org).first() or RhythmConfig(org=org)


@transaction.atomic
def set_floors(actor: Actor, org: Org, **floors) -> RhythmConfig:
    require(actor, Action.RHYTHM_MANAGE, org.code)
    config = config_for(org)
    with audited(actor, "rhythm.config.update", config, FLOOR_FIELDS):
        for name in FLOOR_FIELDS:
            setattr(config, name, floors[name])
        clean_fields(config, FLOOR_FIELDS)
        config.save()
    return config


@transaction.atomic
def request_bulletin(actor: Actor, org: Org, week_start: date) -> Bulletin:
    """Ask for the bulletin of `org` for the week from `week_start` (a Monday): queued for the
    worker; the same week asked again is built again (its number kept)."""
    require(actor, Action.RHYTHM_MANAGE, org.code)
    if org.kind not in BULLETIN_KINDS:
        raise ValidationError(_("周通报由市或县（市、区）生成"))
    if week_start.weekday() != 0:
        raise ValidationError(_("通报周须从周一开始"))
    bulletin = Bulletin.objects.select_for_update().filter(org=org, week_start=week_start).first()
    if bulletin is not None and bulletin.unfinished:
        return bulletin
    if bulletin is None:
        earlier = Bulletin.objects.filter(org=org, week_start__year=week_start.year, week_start__lt=week_start)
        bulletin = Bulletin(org=org, week_start=week_start, number=earlier.count() + 1)
    bulletin.status, bulletin.percent, bulletin.error = BulletinStatus.QUEUED, 0, ""
    bulletin.requested_by = actor.user
    bulletin.save()
    record(
        actor,
        "rhythm.bulletin.generate",
        obj=bulletin,
        org_code=org.code,
        after=snapshot(bulletin, ("week_start", "number")),
    )
    _enqueue(bulletin)
    return bulletin


@transaction.atomic
def retry(actor: Actor, bulletin: Bulletin) -> Bulletin:
    require(actor, Action.RHYTHM_MANAGE, bulletin.org.code)
    bulletin = Bulletin.objects.select_for_update().select_related("org").get(pk=bulletin.pk)
    if bulletin.status != BulletinStatus.FAILED:
        raise ValidationError(_("只有生成失败的通报可以重试"))
    bulletin.status, bulletin.percent, bulletin.error = BulletinStatus.QUEUED, 0, ""
    bulletin.save(update_fields=["status", "percent", "error"])
    record(actor, "rhythm.bulletin.retry", obj=bulletin, org_code=bulletin.org.code)
    _enqueue(bulletin)
    return bulletin


def can_retry(user, bulletin: Bulletin) -> bool:
    return bulletin.status == BulletinStatus.FAILED and user.can(Action.RHYTHM_MANAGE)


def _enqueue(bulletin: Bulletin) -> None:
    from lianxin.rhythm.tasks import build_bulletin

    transaction.on_commit(partial(build_bulletin.enqueue, bulletin.pk))


# --- ranking, flags, comparison ------------------------------------------------------------------


def publish(figures: dict, config: RhythmConfig, previous: dict | None) -> tuple[dict, list[str]]:
    """The figures with each unit's rank, flag and change since last week for every ranked
    rate, the floors they were held against, and the codes of the units flagged red; the
    key-matters lists ranked and compared with last week's."""
    units = figures["units"]
    before = {u["code"]: u["rates"] for u in (previous or {}).get("units", [])}
    for key in RATES:
        ranked = sorted((u for u in units if u["rates"][key] is not None), key=lambda u: -u["rates"][key])
        for place, unit in enumerate(ranked, 1):
            unit.setdefault("rank", {})[key] = place
    red = []
    for unit in units:
        unit["flags"] = {
            key: _flag(unit["rates"][key], getattr(config, floor), config.margin) for key, (_n, floor) in RATES.items()
        }
        unit["flags"] = {k: v for k, v in unit["flags"].items() if v}
        old = before.get(unit["code"], {})
        unit["change"] = {
            key: round(unit["rates"][key] - old[key], 1)
            for key in unit["rates"]
            if unit["rates"][key] is not None and old.get(key) is not None
        }
        if Flag.RED in unit["flags"].values():
            red.append(unit["code"])
    figures["floors"] = {key: getattr(config, floor) for key, (_n, floor) in RATES.items()} | {"margin": config.margin}
    figures["has_previous"] = previous is not None
    figures["key_matters"] = keylists.compare(figures["key_matters"], previous)
    return figures, red


def _flag(value, floor: int, margin: int) -> str:
    if value is None:
        return ""
    if value < floor:
        return Flag.RED
    return Flag.YELLOW if value < floor + margin else ""
