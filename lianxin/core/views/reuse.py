"""Pages drawn once and reused while nothing they show has changed (issue 15: pages that hold
up under load).

A dashboard (a battle map, the rating statistics, the liaison board, the workbench) is read
far more often than what it counts changes, and under load the rendering, not the rollups,
was its cost: the province battle map took ~18 ms of which the figures under 1 ms. Every
change a service makes is audited and marks its county and app (lianxin/audit/changes.py),
so the newest mark under and above the page's org is a version of what the page shows. A view
with `ReusedBodyMixin` stores the rendered parts of its page (title, breadcrumbs, content,
scripts: base.html wraps them in `{% reusable %}`) under a key of that version, the session,
the address with its query, the language and the day, and on the next request with the same
key sends them again inside a freshly drawn frame (navigation, messages, CSRF token).

What stays the same on every request: the login, the permission and the scope check (the
page's code against the user's scope prefixes, before the key is made: a user who lost the org
is sent down the drawing path, which answers 404 as before), and the frame. Keys carry the
session (not just the user) because a body may hold a form's CSRF token, which a new login
replaces. The day is in the key because some figures change with the date (overdue); the
cache's timeout (LIANXIN_PAGE_CACHE_SECONDS, 0 turns reuse off) bounds what changes without an
audited service call. Exports, htmx fragments and POSTs are never reused."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from lianxin.audit.changes import last_change
from lianxin.core.permissions import can_at

CACHE_ALIAS = "pages"
# The request attribute the `{% reusable %}` tag fills while a page is drawn.
CAPTURE = "_reusable_parts"
# Importing divisions and recounting rollups are `orgs` events: every reused page reads them.
ALWAYS = ("orgs",)


class ReusedBodyMixin:
    """Reuse this page's drawn body while its org's data is unchanged. `reuse_apps` names the
    apps whose changes redraw it (None: any app's); `reuse_code()` is the code of the page's
    org (the URL's `code`), which must be in the user's scope for `permission_action`."""

    reuse_apps: tuple[str, ...] | None = None

    def reuse_code(self) -> str | None:
        return self.kwargs.get("code")

    def get(self, request, *args, **kwargs):
        key = self.reuse_key() if self.reusable() else None
        kept = caches[CACHE_ALIAS].get(key) if key else None
        if kept is not None:
            template, parts = kept
            return TemplateResponse(request, template, {"view": self, "reused": parts})
        if key:
            setattr(request, CAPTURE, {})
        response = super().get(request, *args, **kwargs)
        if key and hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(lambda r: self.keep(key, r))
        return response

    def code_in_scope(self) -> bool:
        """The page's code is in the user's scope for `permission_action`, checked against the
        user's scope prefixes without loading the org."""
        code, action = self.reuse_code(), self.permission_action
        return code is not None and (action is None or can_at(self.request.user, action, code))

    def reusable(self) -> bool:
        request = self.request
        return (
            bool(settings.LIANXIN_PAGE_CACHE_SECONDS)
            and not request.htmx
            and "export" not in request.GET
            and self.code_in_scope()
        )

    def reuse_key(self) -> str:
        request = self.request
        apps = None if self.reuse_apps is None else (*self.reuse_apps, *ALWAYS)
        parts = (
            type(self).__qualname__,
            request.session.session_key or "",
            request.get_full_path(),
            get_language(),
            f"{timezone.localdate():%Y%m%d}",
            str(last_change(self.reuse_code(), apps)),
        )
        return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def keep(self, key: str, response) -> None:
        parts = getattr(self.request, CAPTURE, None)
        if response.status_code == 200 and parts:
            # The template too: choosing it may need the page's org, which a reuse never loads.
            kept = (response.template_name, parts)
            caches[CACHE_ALIAS].set(key, kept, settings.LIANXIN_PAGE_CACHE_SECONDS)
