"""What each app brings, collected in one place.

An app declares everything the rest of the system needs to know about it in `<app>/plugin.py`
as `PLUGIN = AppPlugin(...)`: its actions and the roles that hold them, its side-navigation
entries, the names of its audit events in Chinese and English, its demo loader and the apps it
depends on, its scope test cases and its API routes. The core reads these from INSTALLED_APPS
(the way `admin.autodiscover()` reads `admin.py`) and imports no domain app, so adding a module
touches its own folder, `INSTALLED_APPS` and one `include()` in `lianxin/urls.py`
(docs/development.md, "Adding a module").

Everything here is declarative and lazy (dotted paths, not imports), so a plugin module can be
imported by the core before the app's models, views or services are loaded.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """A heading of the side navigation; sections are shown by `order`."""

    label: str
    order: int


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    action: str | None  # None: every logged-in user
    section: Section | None = None
    # A further condition on the user (say, "has a jurisdiction"), for pages that would answer
    # 404 to some holders of the action; the navigation test opens every entry it shows.
    shown_to: Callable | None = None


@dataclass(frozen=True)
class Label:
    """An audit event's name in both of the product's languages."""

    zh: str
    en: str

    def __str__(self):
        return self.zh if (get_language() or "zh-hans").startswith("zh") else self.en


@dataclass(frozen=True)
class Card:
    """One entry of a workbench (工作台): what waits on the user, counted, linking to the list
    filtered to exactly those rows. `tone` is "info", "warn" (due soon) or "danger" (overdue)."""

    title: str
    count: int | None
    url: str | None = None
    tone: str = "info"
    detail: str = ""
    group: str = ""


def card_day(day, today) -> str:
    """A date on a card, short enough for a phone (12月4日), with the year only when it is not
    this year's; in the user's language's format."""
    return date_format(day, "MONTH_DAY_FORMAT" if day.year == today.year else "DATE_FORMAT")


@dataclass(frozen=True)
class AppPlugin:
    # Action code -> the roles that hold it. Codes are `app.verb`.
    actions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    nav: tuple[NavItem, ...] = ()
    # Audit event code (`app.object.verb`) -> its name.
    audit_labels: Mapping[str, Label] = field(default_factory=dict)
    # Dotted path of `load(actor) -> dict | None`, run by `manage.py load_demo`.
    demo: str | None = None
    # App labels this app imports and whose demo must load first (import-linter checks the
    # imports against .importlinter, whose exceptions a test compares with these).
    depends_on: tuple[str, ...] = ()
    # Dotted path of the module with this app's cases for the core meta-tests (see
    # lianxin/core/tests/test_scope.py and test_urls.py for what it must define).
    test_cases: str | None = None
    # Dotted path of the module that registers this app's API routes on `core.api.api_router`.
    api: str | None = None
    # Routes open without login: route name -> why.
    public_routes: Mapping[str, str] = field(default_factory=dict)
    # Dotted path of `cards(user, today) -> list[Card]`: what this app puts on the user's
    # workbench. A fixed number of queries whatever the data (a page test checks).
    workbench: str | None = None
    # Dotted paths of the app's per-county rollups (`lianxin.orgs.rollups.Rollup`), which
    # `refresh_rollups` recounts nightly and `check_rollups` compares with a full recount.
    rollups: tuple[str, ...] = ()
    # Indicator code (`app.name`) -> dotted path of a `lianxin.core.indicators.Indicator`: a figure
    # this app computes for a set of villages and a year, which a standard's work item may name.
    indicators: Mapping[str, str] = field(default_factory=dict)
    # Dotted paths of `panel(user, village, year) -> lianxin.core.panels.Panel | None`: what this
    # app shows on a village's battle map (挂图作战) and plan page; a fixed number of queries.
    village_panels: tuple[str, ...] = ()


@cache
def plugins() -> dict[str, AppPlugin]:
    """App label -> its plugin, in INSTALLED_APPS order, for every app that has one."""
    found = {}
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.plugin") is not None:
            found[config.label] = import_module(f"{config.name}.plugin").PLUGIN
    return found


@cache
def role_actions() -> dict[str, frozenset[str]]:
    """Role -> every action it holds, from all plugins."""
    collected: dict[str, set[str]] = {}
    for plugin in plugins().values():
        for action, roles in plugin.actions.items():
            for role in roles:
                collected.setdefault(str(role), set()).add(action)
    return {role: frozenset(actions) for role, actions in collected.items()}


@cache
def nav_items() -> tuple[NavItem, ...]:
    """Every app's entries by section; within a section in the apps' order (a stable sort)."""
    items = (item for plugin in plugins().values() for item in plugin.nav)
    return tuple(sorted(items, key=lambda item: item.section.order if item.section else 0))


@cache
def audit_labels() -> dict[str, Label]:
    return {code: label for plugin in plugins().values() for code, label in plugin.audit_labels.items()}


def public_routes() -> dict[str, str]:
    return {name: why for plugin in plugins().values() for name, why in plugin.public_routes.items()}


def demo_order() -> list[str]:
    """App labels with a demo, each after the apps it depends on."""
    ordered: list[str] = []

    def visit(label: str, path: tuple[str, ...] = ()):
        if label in ordered:
            return
        if label in path:
            raise ValueError(f"demo dependency cycle: {' -> '.join((*path, label))}")
        for dependency in plugins()[label].depends_on:
            visit(dependency, (*path, label))
        if plugins()[label].demo:
            ordered.append(label)

    for label in plugins():
        visit(label)
    return ordered


def workbench_cards(user, today) -> list[Card]:
    """Every app's cards for `user`, in the apps' order."""
    return [card for p in plugins().values() if p.workbench for card in load_object(p.workbench)(user, today)]


def rollups() -> list:
    return [load_object(path) for p in plugins().values() for path in p.rollups]


def load_object(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


def autodiscover_api() -> None:
    """Import each app's API module so that its routes are on the router before it is included."""
    for plugin in plugins().values():
        if plugin.api:
            import_module(plugin.api)


def case_modules():
    return [import_module(p.test_cases) for p in plugins().values() if p.test_cases]


# The section every installation has; domain apps declare their own.
SYSTEM = Section(_("系统"), 90)
# A section two independent apps share (points, civic), which neither may import from the other.
VILLAGE_LIFE = Section(_("乡村治理"), 45)
