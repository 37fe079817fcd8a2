"""Fixed-window rate limits kept in Django's cache (security.md item 15). With several app
servers the cache must be shared (Redis), or each server counts on its own."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

EXPORT_MARK = "X-Lianxin-Export"


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


def _export_key(request) -> str:
    user = getattr(request, "user", None)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else "anon"
    return f"export:{who}"


def export_refused(request) -> HttpResponse | None:
    """Count one download for the user before it is built: 429 once past the limit, else None.
    A view that calls this has paid for its download; the middleware does not count it again."""
    request.export_counted = True
    limit, window = settings.LIANXIN_EXPORT_RATE
    return too_many_requests() if over_limit(_export_key(request), limit, window) else None


class ExportRateLimitMiddleware:
    """Every Excel or Word download is built by lianxin.core.excel.attachment, which marks the
    response. Pages counted before building (`export_refused`, used by every `?export=xlsx`
    page); any other download is counted here, and past the per-user limit it is withheld and
    429 is answered instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header(EXPORT_MARK):
            return response
        del response[EXPORT_MARK]
        if getattr(request, "export_counted", False):
            return response
        limit, window = settings.LIANXIN_EXPORT_RATE
        if over_limit(_export_key(request), limit, window):
            return too_many_requests()
        return response
