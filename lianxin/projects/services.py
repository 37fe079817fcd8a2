"""Every change to the project list is one function here: guard, lock, change and record the
audit event in one transaction. An allocation locks the supply first and reads its balance
under that lock, so two offices matching at once can never give more than the fund holds."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.projects.choices import DemandStatus
from lianxin.projects.models import Allocation, DemandPhoto, DemandProject, SupplyProject
from lianxin.projects.plugin import Action

DEMAND_FIELDS = ("year", "title", "star", "work_item", "amount_asked", "priority", "status")
MAX_PHOTOS = 9


def _attach(demand: DemandProject, uploads, *, evidence: bool) -> int:
    uploads = list(uploads or ())
    if len(uploads) + demand.photos.count() > MAX_PHOTOS:
        raise ValidationError(_("每个项目最多 %(n)d 张照片") % {"n": MAX_PHOTOS})
    for upload in uploads:
        photo = DemandPhoto(demand=demand, evidence=evidence)
        photo.fill_from_upload(upload)
        photo.save()
    return len(uploads)


@transaction.atomic
def report_demand(
    actor: Actor,
    village: Org,
    *,
    year: int,
    title: str,
    star: str,
    amount_asked: Decimal,
    work_item: str = "",
    description: str = "",
    priority: str = "2",
    photos=(),
) -> DemandProject:
    """A township reports one of its villages' needs (需求侧项目)."""
    require(actor, Action.PROJECTS_DEMAND, village.code)
    if village.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("需求项目须落到村（社区）"))
    demand = DemandProject(
        org=village,
        year=year,
        title=title.strip(),
        star=star,
        work_item=work_item.strip(),
        description=description.strip(),
        amount_asked=amount_asked,
        priority=priority,
    )
    clean_fields(demand, ("year", "title", "star", "work_item", "description", "amount_asked", "priority"))
    demand.save()
    _attach(demand, photos, evidence=False)
    record(actor, "projects.demand.report", obj=demand, org_code=village.code, after=snapshot(demand, DEMAND_FIELDS))
    return demand


def can_match(user, demand: DemandProject) -> bool:
    return demand.status != DemandStatus.DONE and can_at(user, Action.PROJECTS_MATCH, demand.org.code)


@transaction.atomic
def match(actor: Actor, demand: DemandProject, *, supply: SupplyProject, amount: Decimal, reason: str) -> Allocation:
    """Give `amount` of `supply`'s balance to `demand`. Partial amounts are allowed; more than
    the supply's balance (read under its lock) or than the demand still lacks is refused."""
    require(actor, Action.PROJECTS_MATCH, demand.org.code)
    require(actor, Action.PROJECTS_MATCH, supply.org.code)
    supply = SupplyProject.objects.select_for_update().select_related("org").get(pk=supply.pk)
    demand = locked(demand)
    if demand.org.ancestor_code(OrgLevel.COUNTY) != supply.org.code:
        raise ValidationError(_("只能匹配本县（市、区）的供给侧项目"))
    if demand.status == DemandStatus.DONE:
        raise ValidationError(_("项目已完工，不再匹配资金"))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("匹配金额须大于 0")})
    if amount > supply.balance:
        raise ValidationError(
            {"amount": _("匹配金额 %(a)s 万元超过该资金余额 %(b)s 万元") % {"a": amount, "b": supply.balance}}
        )
    if amount > demand.shortfall:
        raise ValidationError(
            {"amount": _("匹配金额 %(a)s 万元超过该项目尚缺的 %(b)s 万元") % {"a": amount, "b": demand.shortfall}}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("请填写匹配理由")})
    with audited(actor, "projects.demand.match", demand, ("funded", "status")):
        allocation = Allocation.objects.create(supply=supply, demand=demand, amount=amount, reason=reason.strip())
        SupplyProject.objects.filter(pk=supply.pk).update(allocated=supply.allocated + amount)
        demand.funded += amount
        if demand.status == DemandStatus.REPORTED:
            demand.status = DemandStatus.MATCHED
        demand.save(update_fields=["funded", "status"])
    return allocation


def can_report_progress(user, demand: DemandProject) -> bool:
    return demand.status in (DemandStatus.MATCHED, DemandStatus.UNDERWAY) and can_at(
        user, Action.PROJECTS_DEMAND, demand.org.code
    )


def _progress_demand(actor: Actor, demand: DemandProject, spent: Decimal) -> DemandProject:
    demand = locked(demand)
    require(actor, Action.PROJECTS_DEMAND, demand.org.code)
    if demand.status not in (DemandStatus.MATCHED, DemandStatus.UNDERWAY):
        raise ValidationError(_("只有已匹配资金、尚未完工的项目可以报进度"))
    if spent is None or spent < 0 or spent > demand.funded:
        raise ValidationError({"spent": _("已支出须在 0 到已匹配的 %(f)s 万元之间") % {"f": demand.funded}})
    return demand


@transaction.atomic
def report_progress(actor: Actor, demand: DemandProject, *, spent: Decimal, progress: str) -> DemandProject:
    demand = _progress_demand(actor, demand, spent)
    if not progress.strip():
        raise ValidationError({"progress": _("请填写实施进度")})
    with audited(actor, "projects.demand.progress", demand, ("status", "spent", "progress")):
        demand.status, demand.spent, demand.progress = DemandStatus.UNDERWAY, spent, progress.strip()
        demand.save(update_fields=["status", "spent", "progress"])
    return demand


@transaction.atomic
def complete(actor: Actor, demand: DemandProject, *, spent: Decimal, evidence, on: date | None = None) -> DemandProject:
    """Completed, with at least one photo or document as evidence."""
    demand = _progress_demand(actor, demand, spent)
    if _attach(demand, evidence, evidence=True) == 0:
        raise ValidationError({"evidence": _("请上传完工佐证材料（照片或文件）")})
    with audited(actor, "projects.demand.complete", demand, ("status", "spent", "completed_on")):
        demand.status, demand.spent, demand.completed_on = DemandStatus.DONE, spent, on or today()
        demand.save(update_fields=["status", "spent", "completed_on"])
    return demand
