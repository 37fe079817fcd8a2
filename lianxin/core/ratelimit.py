"""Fixed-window rate limits kept in Django's cache (security.md item 15). With several app
servers the cache must be shared (Redis), or each server counts on its own."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

EXPORT_MARK = "X-Lianxin-Export"
logger = logging.getLogger(__name__)


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for `key`; True once the window holds more than `limit` hits."""
    key = f"ratelimit:{key}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def too_many_requests() -> HttpResponse:
    return HttpResponse(_("操作过于频繁，请稍后再试"), status=429, content_type="text/plain; charset=utf-8")


class ExportRefused(Exception):
    """Raised by check_export() past the limit; the middleware answers 429."""


def check_export(request) -> None:
    """Count one export for the request's user and refuse it past the limit. Every export path
    calls this first, before it runs a query or builds a file: a refused export costs nothing
    (security review point 4: refused exports used to be built in full, then withheld)."""
    request.export_checked = True
    limit, window = settings.LIANXIN_EXPORT_RATE
    if over_limit(f"export:{_who(request)}", limit, window):
        raise ExportRefused


def _who(request) -> str:
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else "anon"


class ExportRateLimitMiddleware:
    """Answers 429 for an export that check_export() refused. Every Excel or Word download is
    built by lianxin.core.excel.attachment, which marks the response; a marked response whose
    path forgot to call check_export() is still counted (after the work, as a last line) and
    logged, and a test walks every export path to keep that from happening."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header(EXPORT_MARK):
            return response
        del response[EXPORT_MARK]
        if getattr(request, "export_checked", False):
            return response
        logger.error("export built before its rate limit was checked: %s", request.path)
        try:
            check_export(request)
        except ExportRefused:
            return too_many_requests()
        return response

    def process_exception(self, request, exception):
        return too_many_requests() if isinstance(exception, ExportRefused) else None
