"""Changes to standards. A draft is edited freely (still audited); a published standard can be
corrected, every change audited with before/after, but not deleted once a plan uses it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core import indicators
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.standards.choices import StandardStatus
from lianxin.standards.models import KeyTask, Standard, WorkItem
from lianxin.standards.plugin import Action
from lianxin.standards.sample import SAMPLE, SAMPLE_INDICATORS

CRITERIA_FIELDS = (
    "title",
    "criteria",
    "evidence",
    "indicator_unit",
    "indicator_comparison",
    "indicator_threshold",
    "weight",
)
KEY_TASK_FIELDS = ("star", "number", *CRITERIA_FIELDS)
WORK_ITEM_FIELDS = ("code", *CRITERIA_FIELDS, "indicator_code")
STANDARD_FIELDS = ("year", "title", "status", "is_sample")


def _check_jurisdiction(org: Org) -> None:
    if org.is_unit or org.level not in (OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY):
        raise ValidationError(_("创建标准只能由省、市、县级制定"))


def applicable_standard(village: Org, year: int) -> Standard | None:
    """The published standard a village works to: the nearest jurisdiction above it that has
    one (county refinement before city before province)."""
    codes = [village.ancestor_code(level) for level in (OrgLevel.COUNTY, OrgLevel.CITY, OrgLevel.PROVINCE)]
    found = {
        s.org.code: s
        for s in Standard.objects.filter(
            year=year, status=StandardStatus.PUBLISHED, org__code__in=codes
        ).select_related("org")
    }
    return next((found[c] for c in codes if c in found), None)


@transaction.atomic
def create_standard(actor: Actor, org: Org, year: int, title: str, source: Standard | None = None) -> Standard:
    """A new draft for `org` and `year`: empty, or a copy of `source` (last year's, or the
    province's to refine)."""
    require(actor, Action.STANDARDS_MANAGE, org.code)
    _check_jurisdiction(org)
    if Standard.objects.filter(org=org, year=year).exists():
        raise ValidationError(_("%(org)s %(year)d 年度已有创建标准") % {"org": org.short_name, "year": year})
    standard = Standard.objects.create(org=org, year=year, title=title, based_on=source)
    if source is not None:
        _copy_content(source, standard)
    record(
        actor,
        "standards.standard.create",
        obj=standard,
        org_code=org.code,
        after={**snapshot(standard, STANDARD_FIELDS), "based_on": source.pk if source else None},
    )
    return standard


def _copy_content(source: Standard, target: Standard) -> None:
    for task in source.key_tasks.prefetch_related("work_items"):
        copy = KeyTask.objects.create(standard=target, **{f: getattr(task, f) for f in KEY_TASK_FIELDS})
        WorkItem.objects.bulk_create(
            WorkItem(key_task=copy, **{f: getattr(item, f) for f in WORK_ITEM_FIELDS}) for item in task.work_items.all()
        )


@transaction.atomic
def load_sample(actor: Actor, org: Org, year: int) -> Standard:
    """The shipped sample (5 stars, 29 key tasks), as a published standard marked `示例`."""
    standard = create_standard(
        actor, org, year, _("%(year)d年五星支部创建标准（示例，请按正式文件修改）") % {"year": year}
    )
    for number, (star, title, criteria, evidence, indicator, items) in enumerate(SAMPLE, start=1):
        task = KeyTask.objects.create(
            standard=standard,
            star=star,
            number=number,
            title=title,
            criteria=criteria,
            evidence=evidence,
            **_indicator(indicator),
        )
        WorkItem.objects.bulk_create(
            WorkItem(
                key_task=task, code=f"{number}.{i}", title=t, criteria=c, indicator_code=computed(t), **_indicator(ind)
            )
            for i, (t, c, ind) in enumerate(items, start=1)
        )
    Standard.objects.filter(pk=standard.pk).update(is_sample=True)
    standard.is_sample = True
    return publish_standard(actor, standard)


def computed(title: str) -> str:
    """The computed indicator the sample gives this work item, if an installed app offers it."""
    code = SAMPLE_INDICATORS.get(title, "")
    return code if code in indicators.registry() else ""


def _indicator(indicator) -> dict:
    if indicator is None:
        return {}
    unit, comparison, threshold = indicator
    return {"indicator_unit": unit, "indicator_comparison": comparison, "indicator_threshold": Decimal(str(threshold))}


def can_manage(user, standard: Standard) -> bool:
    """The office of the standard's own jurisdiction manages it (a county reads, but does not
    change, the province's)."""
    return can_at(user, Action.STANDARDS_MANAGE, standard.org.code)


def can_publish(user, standard: Standard) -> bool:
    return not standard.is_published and can_manage(user, standard)


def can_replace_content(user, standard: Standard) -> bool:
    """An Excel import replaces a draft's whole content; a published standard is corrected item by item."""
    return not standard.is_published and can_manage(user, standard)


@transaction.atomic
def publish_standard(actor: Actor, standard: Standard) -> Standard:
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    require(actor, Action.STANDARDS_MANAGE, standard.org.code)
    if standard.is_published:
        raise ValidationError(_("该标准已发布"))
    if not standard.key_tasks.exists():
        raise ValidationError(_("标准中还没有重点任务，不能发布"))
    standard.status, standard.published_at = StandardStatus.PUBLISHED, timezone.now()
    standard.save(update_fields=["status", "published_at"])
    record(
        actor,
        "standards.standard.publish",
        obj=standard,
        org_code=standard.org.code,
        before={"status": StandardStatus.DRAFT},
        after={"status": StandardStatus.PUBLISHED},
    )
    return standard


@transaction.atomic
def delete_standard(actor: Actor, standard: Standard) -> None:
    require(actor, Action.STANDARDS_MANAGE, standard.org.code)
    if standard.is_published and _in_use(standard):
        raise ValidationError(_("该标准已发布并被创星规划使用，不能删除"))
    before = snapshot(standard, STANDARD_FIELDS)
    org_code, pk = standard.org.code, standard.pk
    try:
        standard.delete()
    except ProtectedError as exc:
        raise ValidationError(_("该标准已被创星规划使用，不能删除")) from exc
    record(
        actor,
        "standards.standard.delete",
        object_type="standards.standard",
        object_id=str(pk),
        object_repr=before["title"],
        org_code=org_code,
        before=before,
    )


def _in_use(standard: Standard) -> bool:
    return standard.plans.exists()


def _editable(actor: Actor, standard: Standard) -> None:
    require(actor, Action.STANDARDS_MANAGE, standard.org.code)


@transaction.atomic
def save_key_task(actor: Actor, standard: Standard, task: KeyTask | None, data: dict) -> KeyTask:
    """Create (task None) or change a key task; the audit event holds before and after."""
    _editable(actor, standard)
    before = snapshot(task, KEY_TASK_FIELDS) if task else None
    task = task or KeyTask(standard=standard)
    for field in KEY_TASK_FIELDS:
        setattr(task, field, data[field])
    task.full_clean()
    task.save()
    record(
        actor,
        "standards.key_task.save" if before else "standards.key_task.create",
        obj=task,
        org_code=standard.org.code,
        before=before,
        after=snapshot(task, KEY_TASK_FIELDS),
    )
    return task


@transaction.atomic
def save_work_item(actor: Actor, task: KeyTask, item: WorkItem | None, data: dict) -> WorkItem:
    _editable(actor, task.standard)
    before = snapshot(item, WORK_ITEM_FIELDS) if item else None
    item = item or WorkItem(key_task=task)
    for field in WORK_ITEM_FIELDS:
        if field in data or field != "indicator_code":  # callers from before indicators keep it
            setattr(item, field, data[field])
    item.full_clean()
    item.save()
    record(
        actor,
        "standards.work_item.save" if before else "standards.work_item.create",
        obj=item,
        org_code=task.standard.org.code,
        before=before,
        after=snapshot(item, WORK_ITEM_FIELDS),
    )
    return item


@transaction.atomic
def delete_work_item(actor: Actor, item: WorkItem) -> None:
    standard = item.key_task.standard
    _editable(actor, standard)
    if standard.is_published and _in_use(standard):
        raise ValidationError(_("标准已被创星规划使用，工作项只能修改，不能删除"))
    before = snapshot(item, WORK_ITEM_FIELDS)
    pk = item.pk
    item.delete()
    record(
        actor,
        "standards.work_item.delete",
        object_type="standards.workitem",
        object_id=str(pk),
        object_repr=before["title"],
        org_code=standard.org.code,
        before=before,
    )


@transaction.atomic
def replace_content(actor: Actor, standard: Standard, tasks: list[dict]) -> Standard:
    """Replace a draft's key tasks and work items with imported ones (already validated)."""
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    _editable(actor, standard)
    if standard.is_published:
        raise ValidationError(_("已发布的标准不能整体导入覆盖，请复制为新年度草稿后导入"))
    before = {
        "key_tasks": standard.key_tasks.count(),
        "work_items": WorkItem.objects.filter(key_task__standard=standard).count(),
    }
    after = {"key_tasks": len(tasks), "work_items": sum(len(t["work_items"]) for t in tasks)}
    standard.key_tasks.all().delete()
    for data in tasks:
        fields = {k: v for k, v in data.items() if k != "work_items"}
        task = KeyTask.objects.create(standard=standard, **fields)
        WorkItem.objects.bulk_create(WorkItem(key_task=task, **item) for item in data["work_items"])
    record(actor, "standards.standard.import", obj=standard, org_code=standard.org.code, before=before, after=after)
    return standard
