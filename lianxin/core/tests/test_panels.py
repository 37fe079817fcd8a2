"""The core collects village panels from the plugins (lianxin/core/panels.py): every declared
panel in the apps' order, none where an app answers None, and the panel's cells aligned with
its columns."""

from lianxin.core import panels
from lianxin.core.panels import Column, Panel, Row
from lianxin.core.plugins import AppPlugin

HERE = "lianxin.core.tests.test_panels"


def first(user, village, year):
    return Panel("甲", (Column("名称"), Column("金额", numeric=True)), (Row(("a", 1), "/a/"),), "/all/", "全部", "无")


def hidden(user, village, year):
    return None


def second(user, village, year):
    return Panel(f"乙 {village} {year}", (Column("名称"),), (), "/all/", "全部", "无")


def test_the_core_collects_each_plugins_panels_in_order_and_skips_the_hidden(monkeypatch):
    declared = {
        "one": AppPlugin(village_panels=(f"{HERE}.first", f"{HERE}.hidden")),
        "none": AppPlugin(),
        "two": AppPlugin(village_panels=(f"{HERE}.second",)),
    }
    monkeypatch.setattr(panels, "plugins", lambda: declared)
    found = panels.village_panels(None, "某村", 2026)
    assert [p.title for p in found] == ["甲", "乙 某村 2026"]
    columns = found[0].columns
    assert found[0].body == [("/a/", [("a", columns[0]), (1, columns[1])])] and found[0].footer == []


def test_a_column_kept_off_phones_is_hidden_below_768_px_and_numbers_align_right():
    assert Column("来源", on_phones=False).css == "text-wrap d-none d-md-table-cell"
    assert Column("金额", numeric=True).css == "text-end text-nowrap"
    assert Column("名称").css == "text-wrap"
