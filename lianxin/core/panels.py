"""Village panels: what other apps know about one village, shown on that village's battle map
(挂图作战) and plan page — its funded projects, say — without planning importing the app that
owns the data (issue 12, "the battle map shows a village's funded projects").

An app declares panels in its plugin (`village_panels`: dotted paths of
`panel(user, village, year) -> Panel | None`); the core collects them here and the pages that
show them include `core/_village_panels.html`. Each panel function reads through its own app's
`restrict(user, action)`, answers None when the user may not read that app's data at the
village (no panel rather than an empty one that would look like "nothing there"), and runs a
fixed number of queries whatever the number of rows. A panel is a plain table, so the page
shows figures as text (not only colours) and the same markup serves every app."""

from dataclasses import dataclass

from lianxin.core.plugins import load_object, plugins


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False  # right-aligned
    on_phones: bool = True  # False: shown from 768 px up, so that a phone sees the key figures

    @property
    def css(self) -> str:
        """The classes of the column's cells, header and footer alike: text wraps (tables keep
        cells on one line by default, app.css) so that a phone sees every column it is shown."""
        return " ".join(
            (["text-end", "text-nowrap"] if self.numeric else ["text-wrap"])
            + ([] if self.on_phones else ["d-none", "d-md-table-cell"])
        )


@dataclass(frozen=True)
class Row:
    cells: tuple
    url: str = ""  # where the first cell links (the record's own page)


@dataclass(frozen=True)
class Panel:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    url: str  # the app's full list, filtered to the village and year
    link_text: str
    empty: str  # what the panel says when it has no rows
    total: tuple = ()  # a footer row under the columns (its first cell the label), or none

    def aligned(self, cells) -> list[tuple]:
        """(cell, column) pairs, so that the template aligns and hides each cell as its column."""
        return list(zip(cells, self.columns, strict=True))

    @property
    def body(self) -> list[tuple[str, list[tuple]]]:
        return [(row.url, self.aligned(row.cells)) for row in self.rows]

    @property
    def footer(self) -> list[tuple]:
        return self.aligned(self.total) if self.total else []


def village_panels(user, village, year: int) -> list[Panel]:
    """Every app's panels for `village` and `year` that `user` may read, in the apps' order."""
    found = (load_object(path)(user, village, year) for p in plugins().values() for path in p.village_panels)
    return [panel for panel in found if panel is not None]
