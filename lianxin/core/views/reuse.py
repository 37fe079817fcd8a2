"""Pages drawn once and reused while nothing they show has changed (issue 15: pages that hold
up under load).

A dashboard (a battle map, the rating statistics, the liaison board, the workbench) is read
far more often than what it counts changes, and under load the drawing, not the rollups, was
its cost: the province battle map took ~18 ms of which the figures under 1 ms. Every change a
service makes is audited and marks its county and app (lianxin/audit/changes.py), so the
newest mark under and above the page's org is a version of what the page shows. A view with
`ReusedPageMixin` keeps its drawn page under a key of that version, the session, the address
with its query, the language, the day and what the frame draws from the user (name, roles,
menu), and sends it again while the key holds.

Three things on a page are the request's own and are filled in on every sending, drawn and
reused alike: the CSRF token (a fresh mask of the session's secret) and the bell's count
stand in the kept page as marks; a page with messages waiting (after a form was saved, say) is
drawn, not reused, and not kept. Checked on every request: the login, the permission and the
scope (the page's code against the user's scope prefixes, before the key is made: a user who
lost the org is sent down the drawing path, which answers 404 as before). The day is in the
key because some figures change with the date (overdue); the cache's timeout
(LIANXIN_PAGE_CACHE_SECONDS, 0 turns reuse off) bounds what changes without an audited service
call. Exports, htmx fragments and POSTs are never reused. Measured: drawing the frame alone
was 1.6 ms of a 5.5 ms reused page before the frame was kept too."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lianxin.audit.changes import change_query
from lianxin.audit.models import ChangeMark
from lianxin.core import hotpath
from lianxin.core.context_processors import bell, frame_inputs
from lianxin.core.notifications import unread_query
from lianxin.core.permissions import can_at

CACHE_ALIAS = "pages"
# Importing divisions and recounting rollups are `orgs` events: every reused page reads them.
ALWAYS = ("orgs",)
# Where a kept page holds the request's own values. Letters only: escaping leaves them alone.
CSRF_MARK = "lianxinCsrfTokenMark"
BELL_MARK = "<!--lianxin:bell-->"


class ReusedPageMixin:
    """Reuse this page while its org's data is unchanged. `reuse_apps` names the apps whose
    changes redraw it (None: any app's); `reuse_code()` is the code of the page's org (the
    URL's `code`), which must be in the user's scope for `permission_action`."""

    reuse_apps: tuple[str, ...] | None = None
    _keeping = False
    _unread = 0  # the bell's count, read with the change marks (reuse_key)

    def reuse_code(self) -> str | None:
        return self.kwargs.get("code")

    def get(self, request, *args, **kwargs):
        key = self.reuse_key() if self.reusable() else None
        kept = caches[CACHE_ALIAS].get(key) if key else None
        if kept is not None:
            return HttpResponse(self.filled(kept))
        self._keeping = key is not None
        response = super().get(request, *args, **kwargs)
        if key and hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(lambda r: self.keep(key, r))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self._keeping:
            context.update(csrf_token=CSRF_MARK, bell=mark_safe(BELL_MARK))
        return context

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
            and not len(messages.get_messages(request))  # counted, not read: they stay waiting
            and self.code_in_scope()
        )

    def reuse_key(self) -> str:
        request = self.request
        apps = None if self.reuse_apps is None else (*self.reuse_apps, *ALWAYS)
        # The page's version (its newest change mark) and the bell in one round trip.
        version, self._unread = hotpath.scalars(
            ChangeMark, change_query(self.reuse_code(), apps), unread_query(request.user)
        )
        parts = (
            type(self).__qualname__,
            request.session.session_key or "",
            request.get_full_path(),
            get_language(),
            f"{timezone.localdate():%Y%m%d}",
            str(version or 0),
            *frame_inputs(request),
        )
        return "kept-page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def keep(self, key: str, response):
        if response.status_code != 200:
            return response
        page = response.content.decode()
        caches[CACHE_ALIAS].set(key, page, settings.LIANXIN_PAGE_CACHE_SECONDS)
        response.content = self.filled(page)
        return response

    def filled(self, page: str) -> str:
        """The kept page with this request's CSRF token and bell."""
        page = page.replace(BELL_MARK, bell(self._unread), 1)
        return page.replace(CSRF_MARK, get_token(self.request)) if CSRF_MARK in page else page
