"""The acceptance binder (验收档案): a village's zip (ledger, index, files foldered by star and
work item), its scope, a county's as a background job, and memory that does not grow with
the files."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, XIGUO, measure_data
from lianxin.core.models import ExportJob, ExportStatus
from lianxin.planning import services
from lianxin.planning.binder import numbered, safe_name, write_binder
from lianxin.standards.choices import Star
from lianxin.standards.models import WorkItem
from lianxin.testing.xlsx import assert_print_ready, table_rows

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")
TODAY = timezone.localdate()


def png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str, size: int = 400) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * max(size - 9, 0)
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def item_of(world, star: str) -> WorkItem:
    return WorkItem.objects.filter(key_task__standard=world["standard"], key_task__star=star).order_by("code").first()


def report(plan, item, files, text="进展"):
    measure = services.save_measure(SYSTEM, plan, None, measure_data(item, description=f"{item.title}措施"))
    services.add_report(SYSTEM, measure, date=TODAY, text=text, progress=50, files=files)
    return measure


@pytest.fixture
def world(plans, settings, tmp_path):
    """西虢镇's plan with files under two stars, two of them called alike; one file in 大定街道's."""
    settings.MEDIA_ROOT = tmp_path
    branch, industry = item_of(plans, Star.BRANCH), item_of(plans, Star.INDUSTRY)
    report(plans["plan"], branch, [png("会议:照片?.png"), pdf("会议记录.pdf")])
    report(plans["plan"], branch, [png("会议:照片?.png")], text="第二次")
    report(plans["plan"], industry, [pdf("合作社章程.pdf")])
    report(plans["other_plan"], branch, [pdf("大定.pdf")])
    return {**plans, "branch": branch, "industry": industry}


def folder(item) -> str:
    return f"{item.code}-{item.title}"


def test_a_village_binder_lists_its_files_by_star_and_work_item(world, users, login):
    response = login(users["township"]).get(reverse("planning:plan_binder", args=[world["plan"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    name = f"{world['plan'].org.short_name}-{world['year']}"
    branch, industry = f"1-支部过硬星/{folder(world['branch'])}", f"2-产业兴旺星/{folder(world['industry'])}"
    assert sorted(archive.namelist()) == sorted(
        [
            f"{name}-创星台账.xlsx",
            f"{name}-档案目录.xlsx",
            f"{branch}/会议_照片_.png",
            f"{branch}/会议_照片_(2).png",
            f"{branch}/会议记录.pdf",
            f"{industry}/合作社章程.pdf",
        ]
    )
    assert archive.read(f"{industry}/合作社章程.pdf").startswith(b"%PDF-")
    index = archive.read(f"{name}-档案目录.xlsx")
    assert_print_ready(index)
    rows = table_rows(index)
    assert rows[0][:5] == ("序号", "文件夹", "文件名", "原文件名", "日期")
    assert len(rows) == 5
    listed = {(r[1], r[2], r[3]) for r in rows[1:]}
    assert (branch, "会议_照片_(2).png", "会议:照片?.png") in listed
    assert all(r[4].date() == TODAY for r in rows[1:])
    assert {r[5] for r in rows[1:]} == {f"{world['branch'].title}措施", f"{world['industry'].title}措施"}
    event = AuditEvent.objects.get(action="planning.binder.export")
    assert event.after["files"] == 4 and event.org_code == world["plan"].org.code


def test_a_binder_outside_the_scope_is_not_found(world, users, login):
    neighbour = login(users["neighbour"])
    assert neighbour.get(reverse("planning:plan_binder", args=[world["plan"].pk])).status_code == 404
    assert neighbour.get(reverse("planning:org_binder", args=[XIGUO])).status_code == 404
    assert not ExportJob.objects.exists()
    assert not AuditEvent.objects.filter(action="planning.binder.export").exists()


def test_a_county_binder_is_a_job_with_a_folder_per_village(world, users, login, django_capture_on_commit_callbacks):
    office = login(users["office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = office.get(reverse("planning:org_binder", args=[MENGZHOU]) + f"?year={world['year']}")
    assert response.status_code == 302 and response.url == reverse("core:exports")
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE, job.error
    assert (job.rows_done, job.rows_total) == (2, 2)  # villages
    assert AuditEvent.objects.get(action="planning.binder.export").after["files"] == 5
    assert job.filename.endswith("验收档案.zip") and job.file.name.endswith(".zip")
    download = office.get(reverse("core:export_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    villages = {name.split("/")[0] for name in archive.namelist()}
    assert villages == {f"{p.org.short_name}-{p.org.code}" for p in (world["plan"], world["other_plan"])}
    assert any(n.endswith("/大定.pdf") for n in archive.namelist())


def test_a_township_binder_holds_only_its_villages(world, users, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(users["township"]).get(reverse("planning:org_binder", args=[XIGUO]) + f"?year={world['year']}")
    job = ExportJob.objects.get()
    names = zipfile.ZipFile(job.file.open("rb")).namelist()
    assert {n.split("/")[0] for n in names} == {f"{world['plan'].org.short_name}-{world['plan'].org.code}"}
    assert not any("大定" in n for n in names)


def test_names_are_made_safe_and_unique():
    assert safe_name('a/b\\c:d*e?"f<g>h|i') == "a_b_c_d_e_f_g_h_i"
    assert safe_name(" .. ") == "未命名"
    long = safe_name("长" * 200 + ".jpeg")
    assert len(long) == 80 and long.endswith(".jpeg")
    taken = set()
    assert [numbered(n, taken) for n in ("a.jpg", "A.jpg", "a.jpg")] == ["a.jpg", "A(2).jpg", "a(3).jpg"]


def test_memory_does_not_grow_with_the_files(plans, users, settings, tmp_path):
    """40 documents of 1 MB each: the zip is written from storage in chunks, so the peak of
    Python allocations stays a fraction of one file's size times the count."""
    settings.MEDIA_ROOT = tmp_path
    item = item_of(plans, Star.BRANCH)
    for n in range(4):
        report(plans["plan"], item, [pdf(f"材料{n}-{i}.pdf", 1024 * 1024) for i in range(10)])
    with (tmp_path / "out.zip").open("w+b") as target:
        tracemalloc.start()
        files = write_binder(target, [plans["plan"]], TODAY, users["village"], per_village=False)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert files == 40 and target.tell() > 40 * 1024 * 1024
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_the_demo_binder_of_zhongzhuang_opens_with_its_files(users, settings, tmp_path):
    """钟庄村 (博爱县金城乡), the seed's full ledger: its binder holds photos under every star and
    the scanned documents of completed measures; a second load adds nothing."""
    from lianxin.planning import demo
    from lianxin.planning.models import CreationPlan, ReportAttachment

    settings.MEDIA_ROOT = tmp_path
    assert demo.load()["files_added"] > 0
    assert demo.load()["files_added"] == 0
    plan = CreationPlan.objects.get(org__code=demo.ZHONGZHUANG, year=TODAY.year)
    with (tmp_path / "binder.zip").open("w+b") as target:
        files = write_binder(target, [plan], TODAY, users["village"], per_village=False)
        names = zipfile.ZipFile(target).namelist()
    assert files == ReportAttachment.objects.filter(report__measure__plan=plan).count() > 29
    stars = {name.split("/")[0] for name in names if "/" in name}
    assert stars == {f"{n}-{s.label}" for n, s in enumerate(Star, 1)}
    assert any(name.endswith("验收材料.pdf") for name in names)
