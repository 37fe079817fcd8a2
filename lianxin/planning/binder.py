"""The acceptance binder (验收档案): what a village hands the inspectors — its ledger workbook,
every file attached to its ledger entries (progress reports, which are also what its rating
application cites as evidence), foldered by star and work item, and an index sheet listing each
file. A township's or county's binder packs its villages, one folder each.

Memory stays bounded whatever the number of files: the listing holds only names and dates,
each file is copied into the zip in chunks straight from storage (never read whole), and the
zip is written to a temporary file on disk — by the request for one village, by the task
worker (an `ExportJob`, shown on 我的导出 with its progress) for a township or county.
"""

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from lianxin.audit.services import Actor, record
from lianxin.core.excel import workbook_bytes
from lianxin.core.exports import ExportFailed, finish, prune
from lianxin.core.models import UNFINISHED, ExportJob, ExportStatus
from lianxin.core.permissions import require
from lianxin.core.scope import prefix_q
from lianxin.core.xlsx_layout import heading_for
from lianxin.orgs.models import Org
from lianxin.planning.ledger import ledger_workbook
from lianxin.planning.models import CreationPlan, ReportAttachment
from lianxin.planning.plugin import Action
from lianxin.standards.choices import Star

COPY_CHUNK = 64 * 1024
NAME_LIMIT = 80  # characters of one path part: Windows Explorer chokes on long paths
UNSAFE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')
STAR_NUMBER = {star.value: number for number, star in enumerate(Star, 1)}
INDEX_HEADER = ["序号", "文件夹", "文件名", "原文件名", "日期", "所属措施", "进展记录", "大小（KB）", "上传时间"]


@dataclass(frozen=True)
class Entry:
    """One attachment's place in the binder and the line the index gives it."""

    attachment: ReportAttachment
    folder: str
    name: str

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}"


def safe_name(text: str, fallback: str = "未命名") -> str:
    """A name every unzip tool and Windows accepts: no separators, control or reserved
    characters, no leading/trailing dots or spaces, at most NAME_LIMIT characters (the
    extension kept)."""
    cleaned = UNSAFE.sub("_", text).strip(" .")
    if len(cleaned) > NAME_LIMIT:
        suffix = PurePosixPath(cleaned).suffix[:10]
        cleaned = cleaned[: NAME_LIMIT - len(suffix)].rstrip(" .") + suffix
    return cleaned or fallback


def numbered(name: str, taken: set[str]) -> str:
    """`name`, or `stem(2).ext`, `stem(3).ext`… when a file of that name is already in the folder."""
    candidate, path, n = name, PurePosixPath(name), 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{path.stem}({n}){path.suffix}"
    taken.add(candidate.lower())
    return candidate


def star_folder(star: str) -> str:
    return f"{STAR_NUMBER.get(star, 0)}-{Star(star).label}" if star in STAR_NUMBER else _("其他")


def item_folder(measure) -> str:
    item = measure.work_item
    return safe_name(f"{item.code}-{item.title}") if item else _("未关联工作项")


def attachments_of(plan):
    return (
        ReportAttachment.objects.filter(report__measure__plan=plan)
        .select_related("report__measure__work_item")
        .order_by("report__measure__star", "report__measure__work_item__code", "report__date", "id")
    )


def listing(plan, prefix: str = "") -> list[Entry]:
    """Every attachment of the plan with its folder and its unique, safe name (names only: the
    files are read when written)."""
    entries, taken = [], {}
    for item in attachments_of(plan):
        measure = item.report.measure
        folder = f"{prefix}{star_folder(measure.star)}/{item_folder(measure)}"
        name = numbered(safe_name(item.original_name), taken.setdefault(folder, set()))
        entries.append(Entry(item, folder, name))
    entries.sort(key=lambda e: (STAR_NUMBER.get(e.attachment.report.measure.star, 9), e.path))
    return entries


def index_rows(entries):
    for number, entry in enumerate(entries, 1):
        item = entry.attachment
        report = item.report
        yield [
            number,
            entry.folder,
            entry.name,
            item.original_name,
            report.date,
            report.measure.description,
            f"{report.progress}% {report.text}",
            round(item.size / 1024, 1),
            timezone.localtime(item.uploaded_at).replace(tzinfo=None, microsecond=0),
        ]


def village_folder(plan) -> str:
    return safe_name(f"{plan.org.short_name}-{plan.org.code}") + "/"


def plans_in(user, org, year):
    """The plans of `org`'s villages in `year` that `user` may see."""
    plans = CreationPlan.objects.restrict(user, Action.PLANS_VIEW).filter(prefix_q(org.code, "org__code"), year=year)
    return plans.select_related("org").order_by("org__code")


def write_binder(target, plans, today, user, *, per_village: bool, done=None) -> int:
    """Write the binder of `plans` as a zip into the seekable binary file `target`; returns the
    number of attachments. `user` is the exporter the workbooks' title rows name. `done(n)` is
    called after each village (a job's progress: a village's ledger workbook costs more than
    its files)."""
    count = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for number, plan in enumerate(plans, 1):
            prefix = village_folder(plan) if per_village else ""
            entries = listing(plan, prefix)
            title = f"{plan.org.short_name}-{plan.year}"
            ledger = heading_for(user, _("创星台账"), org=plan.org, year=plan.year)
            archive.writestr(f"{prefix}{title}-创星台账.xlsx", ledger_workbook([plan], today, ledger))
            index = heading_for(user, _("验收档案目录"), org=plan.org, year=plan.year)
            archive.writestr(
                f"{prefix}{title}-档案目录.xlsx",
                workbook_bytes([(_("档案目录"), INDEX_HEADER, index_rows(entries))], index),
            )
            for entry in entries:
                copy_into(archive, entry)
            count += len(entries)
            if done:
                done(number)
    return count


def copy_into(archive: zipfile.ZipFile, entry: Entry) -> None:
    """One file, copied in chunks from storage: never held whole in memory."""
    info = zipfile.ZipInfo(entry.path, date_time=timezone.localtime(entry.attachment.uploaded_at).timetuple()[:6])
    info.file_size = entry.attachment.size
    with entry.attachment.file.open("rb") as source, archive.open(info, "w") as sink:
        shutil.copyfileobj(source, sink, COPY_CHUNK)


def count_files(plans) -> int:
    return ReportAttachment.objects.filter(report__measure__plan__in=plans).count()


def record_export(actor: Actor, org: Org, year: int, *, villages: int, files: int, job: ExportJob | None = None):
    """Files leave the system: audited like any export, with what and how much."""
    require(actor, Action.PLANS_VIEW, org.code)
    after = {"year": year, "villages": villages, "files": files, "job": job.pk if job else None}
    record(actor, "planning.binder.export", obj=org, org_code=org.code, after=after)


@transaction.atomic
def queue_binder(actor: Actor, org: Org, year: int, language: str) -> tuple[ExportJob, int | None]:
    """A township's or county's binder as a background job (the same one already waiting is
    not queued twice); returns the job and its number of files (None when already waiting)."""
    require(actor, Action.PLANS_VIEW, org.code)
    title = f"{org.short_name}-{year}-验收档案"
    mine = ExportJob.objects.filter(user=actor.user, title=title, status__in=UNFINISHED)
    waiting = mine.first()
    if waiting is not None:
        return waiting, None
    plans = plans_in(actor.user, org, year)
    files = count_files(plans)
    job = ExportJob.objects.create(
        user=actor.user,
        title=title,
        filename=f"{title}.zip",
        path=reverse("planning:board", args=[org.code]),
        query=f"year={year}",
        language=language,
        rows_total=plans.count(),  # progress counts villages
    )
    record_export(actor, org, year, villages=job.rows_total, files=files, job=job)
    transaction.on_commit(partial(run_binder.enqueue, job.pk, org.code, year))
    return job, files


@task()
def run_binder(job_id: int, org_code: str, year: int) -> None:
    """The worker builds a township's or county's binder for the job's user, with the scope
    that user has now."""
    prune()
    if not ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(status=ExportStatus.RUNNING):
        return  # gone, or already run
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language):
        try:
            build_job(job, org_code, year)
        except ExportFailed as exc:
            finish(job, ExportStatus.FAILED, error=str(exc))
        except Exception:
            finish(job, ExportStatus.FAILED, error=_("导出时出错，请稍后重试；仍不成功请联系系统管理员。"))
            raise


def build_job(job: ExportJob, org_code: str, year: int) -> None:
    user = job.user
    if not user.is_active or not user.can(Action.PLANS_VIEW):
        raise ExportFailed(_("您已没有查看这些数据的权限，导出未完成。"))
    org = Org.objects.restrict(user, Action.PLANS_VIEW).filter(code=org_code).first()
    if org is None:
        raise ExportFailed(_("这个单位已不在您的管辖范围内，导出未完成。"))
    plans = list(plans_in(user, org, year))
    job.rows_total = len(plans)
    ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)

    def done(n):
        ExportJob.objects.filter(pk=job.pk).update(rows_done=n)

    with tempfile.TemporaryFile(suffix=".zip") as spool:
        write_binder(spool, plans, timezone.localdate(), user, per_village=True, done=done)
        job.rows_done = job.rows_total
        spool.seek(0)
        job.file.save(job.filename, File(spool), save=False)
    finish(job, ExportStatus.DONE)
