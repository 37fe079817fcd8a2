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


class ExportRateLimitMiddleware:
    """Every Excel or Word download is built by lianxin.core.excel.attachment, which marks the
    response; past the per-user limit the download is withheld and 429 is answered instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header(EXPORT_MARK):
            return response
        del response[EXPORT_MARK]
        user = getattr(request, "user", None)
        who = f"user:{user.pk}" if user is not None and user.is_authenticated else "anon"
        limit, window = settings.LIANXIN_EXPORT_RATE
        if over_limit(f"export:{who}", limit, window):
            return too_many_requests()
        return response
