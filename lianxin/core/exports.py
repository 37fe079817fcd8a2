"""List exports (`?export=xlsx` on every ScopedListView): small ones in the request, large
ones in the background (security review point 4).

A 43,777-row household export used to be built inside a web worker: 16–31 s in which that
worker served nobody (two at once made the login page wait 29.6 s with 2 workers), ~520 MB of
memory, and an export refused by the rate limit was built in full before the 429. Now:
- the rate limit is counted first (`ratelimit.check_export`), before any query;
- one COUNT decides: up to LIANXIN_EXPORT_SYNC_ROWS rows are written in the request; more
  become an `ExportJob`, built by the task worker (`manage.py db_worker`) while the user
  watches its progress on 我的导出 (export_views.py), and downloaded only by its owner;
- rows are read with `.iterator(chunk_size=CHUNK_ROWS)` and written by openpyxl's write-only
  mode, so memory does not grow with the number of rows;
- the worker rebuilds the list view for the job's user from the stored address and query and
  takes its rows through the same functions as the request, so the scope is the page's: a
  user who lost the right in the meantime gets a failed job that says why.
"""

import tempfile
from functools import partial
from itertools import islice

from django.conf import settings
from django.contrib import messages
from django.core.files import File
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tables2.data import TableQuerysetData
from django_tasks import task

from lianxin.audit.services import Actor, record
from lianxin.core.excel import write_workbook, xlsx_response
from lianxin.core.models import UNFINISHED, ExportJob, ExportStatus
from lianxin.core.routers import reading_replica
from lianxin.core.views import ScopedListView

CHUNK_ROWS = 2000  # rows per database fetch, and per progress update


class ExportFailed(Exception):
    """A job that cannot be built, with the reason to show its owner."""


class StreamedRows(TableQuerysetData):
    """A table's queryset read in chunks, never held whole in memory: the ordered primary keys
    first, then CHUNK_ROWS rows at a time (with their select/prefetch). Each read is a short
    query of its own: on SQLite one long-running read would keep the worker's connection on an
    old snapshot, and its progress writes would fail ("database is locked") as soon as the web
    server wrote anything."""

    def __iter__(self):
        keys = list(self.data.values_list("pk", flat=True))
        for start in range(0, len(keys), CHUNK_ROWS):
            chunk = keys[start : start + CHUNK_ROWS]
            found = {row.pk: row for row in self.data.filter(pk__in=chunk)}
            yield from (found[key] for key in chunk if key in found)


def filtered_rows(view):
    """The rows the list page shows (its scope and filters), all pages: no filter given is
    every row in scope, as on the page; a filter that does not validate is none."""
    filterset = view.get_filterset(view.get_filterset_class())
    valid = not filterset.is_bound or filterset.is_valid()
    return filterset.qs if valid else view.get_queryset().none()


def table_values(view, rows):
    """(header, rows of cell values) as the page's table shows them, in the page's order."""
    table = view.get_table_class()(StreamedRows(rows), order_by=view.request.GET.get("sort"))
    values = table.as_values(exclude_columns=view.export_exclude)
    return next(values), islice(values, settings.LIANXIN_EXPORT_MAX_ROWS)


def respond(view):
    """The answer to `?export=xlsx` on a list page: 429, the file, or a job and 我的导出."""
    request = view.request  # the download limit was checked by the page (ExportMixin)
    rows = filtered_rows(view)
    count = rows.count()
    limit = settings.LIANXIN_EXPORT_MAX_ROWS
    if count > limit:  # a cut-off file would mislead: ask for a narrower query instead
        messages.error(
            request,
            _("共 %(count)d 行，超过一次导出的上限 %(limit)d 行，请先用查询条件缩小范围")
            % {"count": count, "limit": limit},
        )
        query = request.GET.copy()
        query.pop("export")
        return redirect(f"{request.path}?{query.urlencode()}")
    if count > settings.LIANXIN_EXPORT_SYNC_ROWS:
        queue(request, view, count)
        return redirect("core:exports")
    header, values = table_values(view, rows)
    return xlsx_response(view.export_filename, header, values, title=sheet_title(view), heading=view.export_heading())


def sheet_title(view) -> str:
    return str(view.title or view.export_filename.removesuffix(".xlsx"))


def queue(request, view, count: int) -> ExportJob:
    """Record the export as a job for the worker; the same export already waiting is not
    queued twice (a second click, a reloaded page)."""
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("page", None)
    mine = ExportJob.objects.filter(user=request.user, path=request.path_info, query=query.urlencode())
    waiting = mine.filter(status__in=UNFINISHED).first()
    if waiting is not None:
        messages.info(request, _("同样的导出已在后台生成，请稍候。"))
        return waiting
    job = ExportJob.objects.create(
        user=request.user,
        title=str(view.title or view.export_filename)[:100],
        filename=view.export_filename,
        path=request.path_info,
        query=query.urlencode(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        rows_total=count,
    )
    transaction.on_commit(partial(run_export.enqueue, job.pk))
    messages.success(request, _("共 %(count)d 条记录，已转入后台生成，完成后在本页下载。") % {"count": count})
    return job


@task()
def run_export(job_id: int) -> None:
    """The worker's side of `queue`: build one job's file, or record why it could not be."""
    prune()
    if not ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(status=ExportStatus.RUNNING):
        return  # gone, or already run (a task delivered twice)
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language), reading_replica():
        try:
            build(job)
        except ExportFailed as exc:
            finish(job, ExportStatus.FAILED, error=str(exc))
        except Exception:
            finish(job, ExportStatus.FAILED, error=_("导出时出错，请稍后重试；仍不成功请联系系统管理员。"))
            raise  # the worker logs it and marks the task failed, for the operator


def build(job: ExportJob) -> None:
    view = rebuild_view(job)
    rows = filtered_rows(view)
    job.rows_total = min(rows.count(), settings.LIANXIN_EXPORT_MAX_ROWS)
    ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
    header, values = table_values(view, rows)
    with tempfile.TemporaryFile(suffix=".xlsx") as spool:
        sheet = (sheet_title(view), header, reporting(values, job.pk))
        write_workbook(spool, [sheet], view.export_heading())
        spool.seek(0)
        job.file.save(job.filename, File(spool), save=False)
    job.rows_done = job.rows_total
    finish(job, ExportStatus.DONE)


def rebuild_view(job: ExportJob) -> ScopedListView:
    """The list view as the job's user would open it now, from the stored address and query."""
    user = job.user
    if not user.is_active:
        raise ExportFailed(_("账号已停用，导出未完成。"))
    try:
        match = resolve(job.path)
    except Resolver404:
        match = None
    view_class = getattr(match.func, "view_class", None) if match else None
    if view_class is None or not issubclass(view_class, ScopedListView):
        raise ExportFailed(_("这个列表已不存在，导出未完成。"))
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = job.path
    request.GET = QueryDict(job.query)
    request.user = user
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    if view.permission_action is not None and not user.can(view.permission_action):
        raise ExportFailed(_("您已没有查看这些数据的权限，导出未完成。"))
    return view


def reporting(values, job_id: int):
    """The rows, passed through; every CHUNK_ROWS rows the job's progress is written down."""
    for done, row in enumerate(values, 1):
        yield row
        if done % CHUNK_ROWS == 0:
            ExportJob.objects.filter(pk=job_id).update(rows_done=done)


def finish(job: ExportJob, status: str, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "rows_done", "rows_total", "file"])


def record_download(actor: Actor, job: ExportJob) -> None:
    """A job's file leaves the system: audited like any handing out of personal data."""
    home = job.user.home_org
    record(
        actor,
        "core.export.download",
        obj=job,
        org_code=home.scope_code if home else "",
        after={"filename": job.filename, "rows": job.rows_total, "list": job.path, "query": job.query},
    )


def prune() -> int:
    """Delete the jobs past LIANXIN_EXPORT_KEEP_DAYS and their files; returns how many."""
    expired = ExportJob.objects.expired()
    for job in expired.exclude(file="").only("file").iterator():
        job.file.delete(save=False)
    return expired.delete()[0]
