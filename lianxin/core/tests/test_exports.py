"""List exports: the rate limit before any work, large exports as background jobs built for
their owner only, with progress and Chinese reasons when they fail (security review point 4)."""

import logging
import signal
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from lianxin.accounts import services as accounts
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU
from lianxin.core import exports
from lianxin.core.excel import attachment
from lianxin.core.models import ExportJob, ExportStatus
from lianxin.core.ratelimit import ExportRateLimitMiddleware
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db

SEARCH = "/orgs/search/"
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def small_threshold(settings):
    settings.LIANXIN_EXPORT_SYNC_ROWS = 10


def sheet_rows(content: bytes) -> list[tuple]:
    return table_rows(content)


def download(response) -> bytes:
    return b"".join(response.streaming_content)


def queue_export(client, django_capture_on_commit_callbacks, query="export=xlsx&kind=village"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 302 and response["Location"] == "/exports/"
    return ExportJob.objects.get()


def test_a_small_export_is_built_at_once(login, users):
    response = login(users["office"]).get(f"{SEARCH}?export=xlsx&kind=village")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert len(sheet_rows(response.content)) > 11
    assert not ExportJob.objects.exists()


def test_a_large_export_becomes_a_job_whose_file_holds_the_same_rows(
    login, users, settings, small_threshold, django_capture_on_commit_callbacks
):
    client = login(users["office"])
    job = queue_export(client, django_capture_on_commit_callbacks, "export=xlsx&kind=village&sort=-code&page=3")
    assert job.status == ExportStatus.DONE and job.query == "kind=village&sort=-code"
    assert job.rows_done == job.rows_total > 10 and job.file.name.startswith("exports/")
    page = client.get("/exports/").content.decode()
    assert "已完成" in page and f"/exports/{job.pk}/" in page and "every 2s" not in page
    assert 'href="/orgs/search/?kind=village&amp;sort=-code"' in page  # back to the list as filtered

    response = client.get(f"/exports/{job.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    from_job = sheet_rows(download(response))
    settings.LIANXIN_EXPORT_SYNC_ROWS = 10_000
    at_once = sheet_rows(client.get(f"{SEARCH}?export=xlsx&kind=village&sort=-code").content)
    assert from_job == at_once and len(from_job) == job.rows_total + 1
    codes = [row[1] for row in from_job[1:]]
    assert codes == sorted(codes, reverse=True) and all(code.startswith(MENGZHOU) for code in codes)

    event = AuditEvent.objects.get(action="core.export.download")
    assert event.user == users["office"] and event.object_id == str(job.pk) and event.org_code == MENGZHOU


def test_nobody_else_reaches_the_job_or_its_file(login, users, small_threshold, django_capture_on_commit_callbacks):
    job = queue_export(login(users["office"]), django_capture_on_commit_callbacks)
    other = login(users["office_boai"])
    assert other.get(f"/exports/{job.pk}/").status_code == 404
    assert f"/exports/{job.pk}/" not in other.get("/exports/").content.decode()
    assert other.get(f"/media/{job.file.name}").status_code == 404  # files are never served by path
    assert not AuditEvent.objects.filter(action="core.export.download").exists()


def test_the_same_export_is_not_queued_twice(login, users, settings, small_threshold):
    settings.TASKS = DUMMY  # the first job stays queued
    client = login(users["office"])
    for _ in range(2):
        assert client.get(f"{SEARCH}?export=xlsx&kind=village").status_code == 302
    assert ExportJob.objects.filter(status=ExportStatus.QUEUED).count() == 1
    client.get(f"{SEARCH}?export=xlsx&kind=community")
    assert ExportJob.objects.count() == 2


def test_over_the_rate_limit_is_429_before_the_list_is_queried(login, users, settings, monkeypatch):
    settings.LIANXIN_EXPORT_RATE = (1, 60)
    client = login(users["office"])
    assert client.get(f"{SEARCH}?export=xlsx").status_code == 200
    calls = []
    monkeypatch.setattr(exports, "filtered_rows", lambda view: calls.append(view))
    response = client.get(f"{SEARCH}?export=xlsx")
    assert response.status_code == 429 and "操作过于频繁" in response.content.decode()
    assert calls == []


def test_the_job_is_refused_over_the_limit_too(login, users, settings, small_threshold):
    settings.LIANXIN_EXPORT_RATE = (0, 60)
    assert login(users["office"]).get(f"{SEARCH}?export=xlsx").status_code == 429
    assert not ExportJob.objects.exists()


def test_progress_moves_while_the_file_is_written(
    login, users, small_threshold, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exports, "CHUNK_ROWS", 50)
    seen = []
    write = exports.write_workbook

    def watched(target, sheets, heading):
        title, header, rows = sheets[0]

        def observed():
            for n, row in enumerate(rows):
                if n % 50 == 1:
                    job = ExportJob.objects.get()
                    seen.append((job.status, job.rows_done, job.percent))
                yield row

        write(target, [(title, header, observed())], heading)

    monkeypatch.setattr(exports, "write_workbook", watched)
    job = queue_export(login(users["office"]), django_capture_on_commit_callbacks)
    assert len(seen) > 2 and {status for status, _done, _percent in seen} == {ExportStatus.RUNNING}
    done = [d for _status, d, _percent in seen]
    assert done == sorted(done) and done[0] == 0 and done[-1] >= 100 and done[1] == 50
    assert 0 < seen[-1][2] < 100 and job.percent == 100


def test_the_page_polls_only_while_a_job_is_unfinished(login, users, settings, small_threshold):
    settings.TASKS = DUMMY
    client = login(users["office"])
    client.get(f"{SEARCH}?export=xlsx")
    page = client.get("/exports/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "排队中" in page and "<script>" not in page
    partial = client.get("/exports/", headers={"HX-Request": "true"}).content.decode()
    assert partial.strip().startswith('<div id="export-jobs"') and "<html" not in partial
    exports.run_export.call(ExportJob.objects.get().pk)
    partial = client.get("/exports/", headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in partial and "已完成" in partial
    assert ExportJob.objects.get().rows_done > 300  # no filter: every org of 孟州市, as on the page


def test_a_failing_build_records_a_chinese_reason_and_no_500(
    login, users, small_threshold, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(target, sheets):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_workbook", broken)
    client = login(users["office"])
    job = queue_export(client, django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.FAILED and job.error.startswith("导出时出错")
    assert not job.file and client.get(f"/exports/{job.pk}/").status_code == 404
    page = client.get("/exports/")
    assert page.status_code == 200 and "导出时出错" in page.content.decode()


def test_a_user_who_lost_the_role_meanwhile_gets_a_failed_job(login, users, settings, small_threshold):
    settings.TASKS = DUMMY
    office = users["office"]
    login(office).get(f"{SEARCH}?export=xlsx")
    job = ExportJob.objects.get()
    assignment = office.role_assignments.get()
    accounts.revoke_role(Actor.system("tests"), assignment)
    exports.run_export.call(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "没有查看这些数据的权限" in job.error and not job.file


def test_the_job_keeps_to_the_scope_the_user_has_when_it_runs(login, users, settings, small_threshold):
    """Scope is taken when the file is built, as the page would show it then."""
    settings.TASKS = DUMMY
    login(users["office_boai"]).get(f"{SEARCH}?export=xlsx&kind=village")
    job = ExportJob.objects.get()
    exports.run_export.call(job.pk)
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        codes = [row[1] for row in sheet_rows(handle.read())[1:]]
    assert codes and all(code.startswith("410822") for code in codes)


def test_the_database_backend_and_worker_run_the_job(
    login, users, settings, small_threshold, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # Inside the test's transaction Django would close the connection (autocommit differs from
    # the settings) on PostgreSQL; Django's own test client disconnects it from requests alike.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    job = queue_export(login(users["office"]), django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.QUEUED and DBTaskResult.objects.count() == 1
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.file
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_old_jobs_and_their_files_are_pruned(
    login, users, settings, small_threshold, django_capture_on_commit_callbacks
):
    job = queue_export(login(users["office"]), django_capture_on_commit_callbacks)
    path = job.file.path
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert login(users["office"]).get(f"/exports/{job.pk}/").status_code == 404  # expired
    out = StringIO()
    call_command("prune_exports", stdout=out)
    assert "已删除 1 个" in out.getvalue()
    assert not ExportJob.objects.exists() and not Path(path).exists()


# --- every export path counts the limit before it builds anything ---------------------------


def export_paths(users, plans):
    """(user, address, the function that builds it): with the limit used up, the builder must
    never run."""
    standard = plans["standard"]
    return [
        ("office", f"/orgs/{MENGZHOU}/?export=xlsx", "lianxin.orgs.views.child_summary"),
        ("office", f"{SEARCH}?export=xlsx", "lianxin.core.exports.filtered_rows"),
        ("township", f"/planning/{plans['plan'].pk}/ledger/", "lianxin.planning.views.plans.ledger_workbook"),
        ("office", f"/planning/board/{MENGZHOU}/ledger/", "lianxin.planning.views.dashboard.ledger_workbook"),
        (
            "office",
            "/planning/declarations/?export=xlsx",
            "lianxin.planning.views.DeclarationListView.get_context_data",
        ),
        ("office", f"/planning/board/{MENGZHOU}/?export=xlsx", "lianxin.planning.views.BoardView.get_context_data"),
        ("office", f"/rating/stats/{MENGZHOU}/?export=xlsx", "lianxin.rating.stats.rating_stats"),
        ("office", f"/rating/stats/{MENGZHOU}/certificates/", "lianxin.rating.documents.certificate_list"),
        ("office", f"/rating/stats/{MENGZHOU}/determination/", "lianxin.rating.documents.determination_notice"),
        ("office", f"/standards/{standard.pk}/?export=xlsx", "lianxin.standards.excel.export_standard"),
        ("office", f"/liaison/board/{MENGZHOU}/?export=xlsx", "lianxin.liaison.board.board"),
        ("township", "/liaison/households/import/?template=1", "lianxin.core.views.imports.xlsx_response"),
        ("sysadmin", "/accounts/users/import/?template=1", "lianxin.core.views.imports.xlsx_response"),
    ]


def test_every_export_path_is_refused_before_it_builds(login, users, plans, settings, monkeypatch, caplog):
    settings.LIANXIN_EXPORT_RATE = (0, 60)
    for username, url, builder in export_paths(users, plans):
        monkeypatch.setattr(builder, lambda *a, _url=url, **k: pytest.fail(f"{_url} was built before the 429"))
        response = login(users[username]).get(url)
        assert response.status_code == 429, url
    assert "before its rate limit" not in caplog.text


def test_every_export_path_checks_the_limit_itself(login, users, plans, caplog):
    with caplog.at_level(logging.ERROR, logger="lianxin.core.ratelimit"):
        for username, url, _builder in export_paths(users, plans):
            assert login(users[username]).get(url).status_code == 200, url
    assert "before its rate limit" not in caplog.text


def test_an_export_that_skipped_the_check_is_still_counted_and_logged(users, settings, caplog):
    settings.LIANXIN_EXPORT_RATE = (0, 60)
    request = RequestFactory().get("/somewhere/")
    request.user = users["office"]
    middleware = ExportRateLimitMiddleware(lambda request: attachment(b"x", "x.xlsx"))
    with caplog.at_level(logging.ERROR, logger="lianxin.core.ratelimit"):
        assert middleware(request).status_code == 429
    assert "before its rate limit was checked: /somewhere/" in caplog.text
