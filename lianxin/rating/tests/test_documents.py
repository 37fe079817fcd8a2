"""The rating's official documents: the publicity notice, the determination notice and the
certificate list, as Word files in the 公文 layout, each scoped to what its reader may see."""

import io

import pytest
from docx import Document

from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.core.documents import DOCX_TYPE
from lianxin.rating import services
from lianxin.rating.tests.helpers import actor, after_publicity, approve_all, this_year
from lianxin.testing.printing import A4_PORTRAIT, page_sizes, page_text, require_soffice, to_pdf

pytestmark = pytest.mark.django_db

BRANCH = "大定街道迎秀社区党支部"


@pytest.fixture
def determined(users, world, monkeypatch):
    """迎秀社区 determined a three-star branch, through the real services."""
    village = actor(users["village"])
    application = services.create_application(
        village, world["village"], this_year(), stars=["branch", "industry", "ecology"]
    )
    application = services.submit_application(village, application, without_evidence=True)
    application = approve_all(application, users["neighbour"], world["tf"], users["office"])
    publicity = services.start_publicity(actor(users["office"]), world["county"], this_year(), [application])
    application.refresh_from_db()
    after_publicity(monkeypatch, publicity)
    services.determine(actor(users["office"]), application)
    return publicity


def text_of(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_publicity_notice_names_the_branches_the_period_and_the_organ(login, users, determined):
    response = login(users["office"]).get(f"/rating/publicity/{determined.pk}/notice/")
    text = text_of(response)
    assert determined.title in text and "中共孟州市委组织部" in text and "迎秀社区党支部" in text
    assert f"{determined.working_days}个工作日" in text and f"/rating/public/{MENGZHOU}/" in text
    page = login(users["office"]).get(f"/rating/publicity/{determined.pk}/").content.decode()
    assert f"/rating/publicity/{determined.pk}/notice/" in page


def test_another_countys_office_gets_no_notice(login, users, determined):
    assert login(users["office_boai"]).get(f"/rating/publicity/{determined.pk}/notice/").status_code == 404


def test_the_determination_notice_lists_the_determined_branches_by_level(login, users, determined):
    text = text_of(login(users["office"]).get(f"/rating/stats/{MENGZHOU}/determination/?year={this_year()}"))
    assert "关于认定" in text and "三星党支部（1个）" in text and BRANCH in text and "五星党支部（0个）" in text
    page = login(users["office"]).get(f"/rating/stats/{MENGZHOU}/?year={this_year()}").content.decode()
    assert f"/rating/stats/{MENGZHOU}/determination/" in page
    results = login(users["office"]).get(f"/rating/results/?year={this_year()}").content.decode()
    assert f"/rating/stats/{MENGZHOU}/determination/?year={this_year()}" in results


def test_the_documents_hold_only_what_the_reader_may_see(login, users, determined):
    """西虢镇's township sees its own villages only: 迎秀社区 (大定街道) is in neither document."""
    client = login(users["township"])
    for kind in ("determination", "certificates"):
        text = text_of(client.get(f"/rating/stats/{XIGUO}/{kind}/?year={this_year()}"))
        assert "迎秀社区" not in text and "三星党支部（0个）" in text
    assert client.get(f"/rating/stats/{MENGZHOU}/determination/").status_code == 404


def test_the_certificate_list_is_a4_with_a_table_per_level(login, users, determined):
    response = login(users["office"]).get(f"/rating/stats/{MENGZHOU}/certificates/?year={this_year()}")
    text = text_of(response)
    assert "星级党支部名单" in text and "迎秀社区党支部" in text
    section = Document(io.BytesIO(response.content)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # no longer US Letter


def test_the_three_documents_print_on_a4_portrait_with_title_and_page_number(login, users, determined, tmp_path):
    require_soffice()
    client, year = login(users["office"]), this_year()
    documents = {
        "notice": (f"/rating/publicity/{determined.pk}/notice/", determined.title),
        "determination": (
            f"/rating/stats/{MENGZHOU}/determination/?year={year}",
            f"关于认定{year}年度星级党支部的通知",
        ),
        "certificates": (f"/rating/stats/{MENGZHOU}/certificates/?year={year}", f"孟州市{year}年度星级党支部名单"),
    }
    files = []
    for name, (url, _title) in documents.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(client.get(url).content)
        files.append(path)
    pdfs = to_pdf(files, tmp_path)
    for name, (url, title) in documents.items():
        assert set(page_sizes(pdfs[name])) == {A4_PORTRAIT}, url
        first = page_text(pdfs[name], 1)
        assert title.replace(" ", "") in first and "—1—" in first, url
        if name != "certificates":
            assert first.startswith("中共孟州市委组织部"), url  # the masthead on top
