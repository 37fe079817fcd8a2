"""Where the apps built on the registers plug into them without the registers importing them:
the tab bar the 党群连心 pages share (each app adds its list pages), panels on a household's or
a member's page (liaison adds the visits and matters), and what each app holds about a person
of the registers — its sheets in that person's export (导出个人信息) and how it removes the
personal data of a household being anonymised (PIPL, registers/privacy.py). Apps register in
their `AppConfig.ready()`; a tab shows only to users holding its action."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Tab:
    label: str
    url_name: str
    action: str
    order: int  # position in the bar, left to right


@dataclass(frozen=True)
class Panel:
    """A part of an object's page: `template`, rendered with `panel` = context(request, obj)."""

    template: str
    context: Callable


# (sheet title, header, rows), as core.excel.workbook_bytes takes them.
Sheet = tuple[str, list[str], list[list]]


@dataclass(frozen=True)
class PersonalData:
    """What an app keeps about people of `model` (Household or PartyMember).

    `sheets(person)` gives the app's sheets for the person's export: what the app holds about
    that person and no more (not other people's data). `anonymise(person)`, for a household
    being anonymised, strips the personal data from the app's rows about it and keeps what the
    statistics count; it runs in the anonymisation's transaction and returns {what: count} for
    its audit event."""

    sheets: Callable[[object], list[Sheet]]
    anonymise: Callable[[object], dict] | None = None


_tabs: list[Tab] = []
_panels: dict[type, list[Panel]] = {}
_personal: dict[type, list[PersonalData]] = {}


def add_tabs(*tabs: Tab) -> None:
    for tab in tabs:
        if tab not in _tabs:
            _tabs.append(tab)
    _tabs.sort(key=lambda t: t.order)


def add_panel(model: type, panel: Panel) -> None:
    if panel not in _panels.setdefault(model, []):
        _panels[model].append(panel)


def tabs_for(request) -> list[dict]:
    user, path = request.user, request.path
    tabs = [{"label": t.label, "url": reverse(t.url_name)} for t in _tabs if user.can(t.action)]
    # The tab whose address is the longest prefix of this page is the current one.
    current = max((t for t in tabs if path.startswith(t["url"])), key=lambda t: len(t["url"]), default=None)
    for tab in tabs:
        tab["active"] = tab is current
    return tabs


def panels_for(request, obj) -> list[dict]:
    return [{"template": p.template, "context": p.context(request, obj)} for p in _panels.get(type(obj), [])]


def add_personal_data(model: type, part: PersonalData) -> None:
    if part not in _personal.setdefault(model, []):
        _personal[model].append(part)


def personal_sheets(person) -> list[Sheet]:
    return [sheet for part in _personal.get(type(person), []) for sheet in part.sheets(person)]


def anonymise_elsewhere(person) -> dict:
    counts = {}
    for part in _personal.get(type(person), []):
        if part.anonymise is not None:
            counts |= part.anonymise(person)
    return counts
