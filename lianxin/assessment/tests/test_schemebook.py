"""The scheme's Excel round trip: exported, imported into a new year it is the same scheme; the
same file again is 未变 and writes nothing; a bad row anywhere is reported by sheet, row and
column header and changes nothing; an unscored scheme is replaced, a scored one refused; the
pages export it and import it for the office only."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lianxin.assessment import schemebook, services
from lianxin.assessment.choices import PeriodKind
from lianxin.assessment.models import Scheme
from lianxin.assessment.services.schemes import scheme_content
from lianxin.assessment.tests import factories as f
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.core.excel import workbook_bytes
from lianxin.core.imports import RowErrors
from lianxin.core.uploads import open_xlsx

pytestmark = pytest.mark.django_db
NEXT = f.YEAR + 1


def sheets_of(data: bytes) -> dict[str, list[list]]:
    workbook = open_xlsx(data)
    try:
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    finally:
        workbook.close()


def book(sheets: dict[str, list[list]]) -> bytes:
    return workbook_bytes([(name, rows[0], rows[1:]) for name, rows in sheets.items()])


def content_without_name(scheme):
    return {k: v for k, v in scheme_content(scheme).items() if k != "name"}


def test_export_then_import_into_a_new_year_is_the_same_scheme_and_again_unchanged():
    scheme = f.scheme()
    county = f.org(f.MENGZHOU)
    data = schemebook.export_scheme(scheme)
    report = schemebook.import_scheme(f.SYSTEM, county, NEXT, data)
    new = Scheme.objects.get(org=county, year=NEXT)
    count = len(scheme_content(scheme)["items"])
    assert (report.created, report.unchanged) == (count, 0)
    assert content_without_name(new) == content_without_name(scheme)
    assert new.periods.count() == 13
    events = AuditEvent.objects.filter(action="assessment.scheme.import").count()
    again = schemebook.import_scheme(f.SYSTEM, county, NEXT, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, count)
    assert AuditEvent.objects.filter(action="assessment.scheme.import").count() == events


def test_bad_rows_are_named_by_sheet_row_and_column_and_nothing_changes():
    scheme = f.scheme()
    sheets = sheets_of(schemebook.export_scheme(scheme))
    sheets["维度权重"][1][2] = 29  # 工作专班 · 基础工作: the kind's weights add up to 99
    header = sheets["评分项"][0]
    sheets["评分项"][2][header.index("满分")] = "十分"
    sheets["评分项"][3][header.index("来源")] = "凭感觉"
    sheets["评分项"][4][header.index("序号")] = 1.5
    with pytest.raises(RowErrors) as caught:
        schemebook.import_scheme(f.SYSTEM, f.org(f.MENGZHOU), NEXT, book(sheets))
    errors = caught.value.errors
    assert any("评分项 第3行" in e and "“满分”" in e for e in errors)
    assert any("评分项 第4行" in e and "“来源”" in e for e in errors)
    assert any("评分项 第5行" in e and "“序号”" in e and "整数" in e for e in errors)
    assert any("维度权重" in e and "工作专班" in e and "100" in e for e in errors)
    assert not Scheme.objects.filter(year=NEXT).exists()


def test_an_unscored_scheme_is_replaced_a_scored_one_refused(users):
    scheme = f.scheme()
    sheets = sheets_of(schemebook.export_scheme(scheme))
    sheets["方案"][1] = ["修订后的办法", "季度"]
    header = sheets["评分项"][0]
    sheets["评分项"].append(["领星人", "其他工作", 9, "新增评分项", 5, "材料", "评分人打分", None])
    report = schemebook.import_scheme(f.SYSTEM, f.org(f.MENGZHOU), f.YEAR, book(sheets))
    scheme.refresh_from_db()
    assert report.updated == len(sheets["评分项"]) - 1 and scheme.name == "修订后的办法"
    assert scheme.periods.filter(kind=PeriodKind.QUARTER).count() == 4
    assert scheme.dimensions.get(subject_kind="star_leader", dimension="other").items.filter(number=9).exists()
    services.save_score(f.SYSTEM, scheme.periods.get(kind=PeriodKind.YEAR), f.subject(), {})
    sheets["评分项"][1][header.index("满分")] = 12
    with pytest.raises(ValidationError, match="已有评分"):
        schemebook.import_scheme(f.SYSTEM, f.org(f.MENGZHOU), f.YEAR, book(sheets))
    with pytest.raises(PermissionDenied):
        schemebook.import_scheme(Actor(user=users["township"]), f.org(f.MENGZHOU), NEXT, book(sheets))
    assert scheme.dimensions.filter(items__max_points=Decimal(12)).count() == 0


def test_the_pages_export_and_import(users, login):
    scheme = f.scheme()
    office = login(users["office"])
    exported = office.get(reverse("assessment:scheme_export", args=[scheme.pk]))
    assert exported.status_code == 200 and sheets_of(exported.content) == sheets_of(schemebook.export_scheme(scheme))
    upload = SimpleUploadedFile("方案.xlsx", exported.content)
    response = office.post(reverse("assessment:scheme_import"), {"year": NEXT, "file": upload})
    assert response.status_code == 200 and "新增" in response.content.decode()
    assert Scheme.objects.filter(org__code=f.MENGZHOU, year=NEXT).exists()
    assert office.get(reverse("assessment:scheme_import") + "?template=1").status_code == 200
    assert login(users["township"]).get(reverse("assessment:scheme_import")).status_code == 403
