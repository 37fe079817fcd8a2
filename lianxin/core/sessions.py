"""The idle timeout without a database write on every request.

Security.md item 3 ends a session after 30 idle minutes. Django's way to get that is
SESSION_SAVE_EVERY_REQUEST, which rewrites the session row on every page, poll and API call;
measured, that alone cost a third of a bare view's throughput (issue 15). Here the session is
saved only when something in it changed or when its last renewal is older than
LIANXIN_SESSION_RENEW_SECONDS (default 60): the idle timeout then ends between 29 and 30
minutes after the last request instead of exactly 30, and a user clicking through pages costs
one session write a minute instead of one per request. The session is still read on every
request, by the store below.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.dispatch import receiver
from django.utils import timezone

from lianxin.core import hotpath

RENEWED_KEY = "_renewed_at"


class SessionStore(DatabaseSessionStore):
    """Django's database sessions (SESSION_ENGINE "lianxin.core.sessions"), with the read every
    request makes written as SQL once (core/hotpath.py). An expired row counts as none, as in
    Django's own store."""

    def _get_session_from_db(self):
        session = hotpath.get(self.model, "session_key", self.session_key)
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session


class SessionRenewalMiddleware:
    """Placed after SessionMiddleware, so that it marks the session before it is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No key: an anonymous visitor, whose session must not be created by a renewal.
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(RENEWED_KEY, 0) >= settings.LIANXIN_SESSION_RENEW_SECONDS:
                session[RENEWED_KEY] = now
        return response


@receiver(user_logged_in)
def renewed_at_login(sender, request, user, **kwargs):
    """The login saves the session anyway: mark it renewed, so the first page costs no write."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())
