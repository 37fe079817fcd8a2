"""The side navigation, from the entries the apps declare (lianxin.core.plugins). An entry
shows only when the user's roles allow its action (and its `shown_to`, if any), so a menu never
offers a page that would answer 403 or 404 — a test opens every entry as every demo user.

The menu depends on nothing but the user's roles, the answers of the few `shown_to`
conditions, the language and which entry is current, so each combination is drawn once per
worker and kept: drawing fifty links through the template engine on every request was a third
of a dashboard's time once its body was reused (lianxin/core/views/reuse.py)."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from lianxin.core.plugins import nav_items, role_actions


def navigation_for(request) -> SafeString:
    user = request.user
    roles = frozenset(user.roles()) if user.is_active else frozenset()
    shown = tuple(bool(item.shown_to(user)) for item in nav_items() if item.shown_to is not None)
    entries = _entries(roles, shown, get_language(), get_script_prefix())
    return _drawn(entries, _current(entries, request.path))


@lru_cache(maxsize=128)
def _entries(roles: frozenset, shown: tuple, language: str, prefix: str) -> tuple[tuple[str, str, str, str], ...]:
    """(section, address, icon, label) of each entry the roles allow and whose `shown_to` (in
    the order of the entries that have one) said yes. The language and the script prefix are
    in the key because the labels and addresses depend on them."""
    allowed = {action for role in roles for action in role_actions().get(role, ())}
    answers = iter(shown)
    items = [item for item in nav_items() if item.shown_to is None or next(answers)]
    return tuple(
        (str(item.section.label) if item.section else "", reverse(item.url_name), item.icon, str(item.label))
        for item in items
        if item.action is None or item.action in allowed
    )


def _current(entries, path: str) -> int:
    """The entry whose address is the longest prefix of this page (-1: none)."""
    best, index = 0, -1
    for i, (_section, url, _icon, _label) in enumerate(entries):
        if (path == url or (url != "/" and path.startswith(url))) and len(url) > best:
            best, index = len(url), i
    return index


@lru_cache(maxsize=1024)
def _drawn(entries, current: int) -> SafeString:
    parts, section = [], ""
    for i, (item_section, url, icon, label) in enumerate(entries):
        if item_section and item_section != section:
            parts.append(format_html('<div class="nav-section">{}</div>', item_section))
        section = item_section
        active = i == current
        parts.append(
            format_html(
                '<a class="nav-link{}" href="{}"{}><i class="bi bi-{}" aria-hidden="true"></i> {}</a>',
                " active" if active else "",
                url,
                mark_safe(' aria-current="page"') if active else "",
                icon,
                label,
            )
        )
    return mark_safe("".join(parts))
