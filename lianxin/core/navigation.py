"""The side navigation, from the entries the apps declare (lianxin.core.plugins). An entry
shows only when the user's roles allow its action (and its `shown_to`, if any), so a menu never
offers a page that would answer 403 or 404 — a test opens every entry as every demo user."""

from django.urls import reverse

from lianxin.core.plugins import nav_items


def navigation_for(request):
    user, path = request.user, request.path
    items = [
        {
            "label": item.label,
            "url": reverse(item.url_name),
            "icon": item.icon,
            "section": item.section.label if item.section else "",
        }
        for item in nav_items()
        if (item.action is None or user.can(item.action)) and (item.shown_to is None or item.shown_to(user))
    ]
    # The entry whose address is the longest prefix of this page is the current one.
    matches = [i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))]
    current = max(matches, key=lambda i: len(i["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items
