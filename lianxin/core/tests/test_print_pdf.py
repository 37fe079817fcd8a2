"""The exports printed: each workbook converted to PDF by LibreOffice fits A4 landscape, its
title on page 1 and all its columns across the page (the header's last column on page 1);
the county battle map (孟州市, 289 villages) takes a handful of pages, not 14 portrait ones."""

import re

import pytest

from lianxin.conftest import MENGZHOU
from lianxin.testing.printing import A4_LANDSCAPE, A4_PORTRAIT, page_sizes, page_text, require_soffice, to_pdf
from lianxin.testing.xlsx import tables

pytestmark = pytest.mark.django_db

BATTLE_MAP_MAX_PAGES = 10


def reports(plans):
    """name -> (user, address, the subject in the title)."""
    return {
        "battle_map": ("office", f"/planning/board/{MENGZHOU}/?export=xlsx", "挂图作战"),
        "liaison_board": ("office", f"/liaison/board/{MENGZHOU}/?export=xlsx", "党群连心"),
        "ledger": ("township", f"/planning/{plans['plan'].pk}/ledger/", "创星台账"),
        "county_ledger": ("office", f"/planning/board/{MENGZHOU}/ledger/", "创星台账"),
        "rating_stats": ("office", f"/rating/stats/{MENGZHOU}/?export=xlsx", "星级统计"),
        "org_search": ("office", "/orgs/search/?kind=village&export=xlsx", "查找组织"),
        "declarations": ("office", "/planning/declarations/?export=xlsx", "乡镇申报"),
        "users": ("sysadmin", "/accounts/users/?export=xlsx", "用户"),
    }


def squeeze(text) -> str:
    return re.sub(r"\s+", "", str(text))


def test_every_report_prints_on_a4_landscape_with_its_title_and_all_its_columns(login, users, plans, tmp_path):
    require_soffice()
    files, headers = [], {}
    for name, (user, url, _subject) in reports(plans).items():
        response = login(users[user]).get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(response.content)
        files.append(path)
        headers[name] = {title: rows[0] for title, rows in tables(response.content).items() if rows}
    pdfs = to_pdf(files, tmp_path)
    for name, (_user, url, subject) in reports(plans).items():
        sizes = page_sizes(pdfs[name])
        cover = name == "ledger"  # a single village's ledger opens with its cover, A4 portrait
        assert sizes[0] == (A4_PORTRAIT if cover else A4_LANDSCAPE), f"{url}: {sizes[0]}"
        assert set(sizes[1:]) <= {A4_LANDSCAPE}, f"{url}: {set(sizes)}"
        first = page_text(pdfs[name], 1)
        assert squeeze(subject) in first, f"{url}: no title on page 1"
        if not cover:
            header = headers[name][next(iter(headers[name]))]
            last = squeeze([h for h in header if h][-1])
            assert last in first, f"{url}: the last column {last} is not on page 1"
    battle_map = page_sizes(pdfs["battle_map"])
    assert len(battle_map) <= BATTLE_MAP_MAX_PAGES, f"289 villages on {len(battle_map)} pages"


def test_the_battle_map_of_a_county_prints_every_village(login, users, tmp_path):
    require_soffice()
    response = login(users["office"]).get(f"/planning/board/{MENGZHOU}/?export=xlsx")
    path = tmp_path / "board.xlsx"
    path.write_bytes(response.content)
    pdf = to_pdf([path], tmp_path)["board"]
    pages = len(page_sizes(pdf))
    text = "".join(page_text(pdf, n) for n in range(1, pages + 1))
    assert text.count("孟州市·") == 1 and text.count("村（社区）") == pages  # the header on each page
    assert f"第{pages}页共{pages}页" in text
