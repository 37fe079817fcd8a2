"""Where the apps built on the registers plug into its pages without the registers importing
them: the tab bar the 党群连心 pages share (each app adds its list pages) and panels on a
household's or a member's page (liaison adds the visits and matters). Apps register in their
`AppConfig.ready()`; a tab shows only to users holding its action."""

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


_tabs: list[Tab] = []
_panels: dict[type, list[Panel]] = {}


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
