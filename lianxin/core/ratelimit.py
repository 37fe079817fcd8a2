"""Fixed-window rate limits (security.md item 15), counted where every worker and host sees
the same number, and counted atomically.

Django's cache alone does not do it: LocMemCache counts per worker process (with two gunicorn
workers 59–60 exports a minute passed a limit of 30), and DatabaseCache.incr() is a get and
then a set, so two workers that read n at once both write n + 1 and one hit is lost. So:
- by default each key and window is one row of `core_ratecounter`, bumped by a single
  `INSERT … ON CONFLICT (bucket) DO UPDATE SET hits = hits + 1 RETURNING hits`. The database
  serialises concurrent writers on that row and hands each its own count, on PostgreSQL and on
  SQLite (≥ 3.35) alike; no read-modify-write happens in Python. One statement per counted
  request, on a primary key.
- with Redis configured (LIANXIN_CACHE_URL) the count is Redis's INCR, atomic there: cache.add
  starts the window with its expiry, cache.incr counts.
Windows are fixed and aligned to the epoch; the first hit of a new window sweeps rows whose
window has ended. The login lockout is django-axes, which keeps its own records in the
database.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.translation import gettext as _

from lianxin.core.models import RateCounter

EXPORT_MARK = "X-Lianxin-Export"
_REDIS = "django.core.cache.backends.redis.RedisCache"

logger = logging.getLogger(__name__)


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for `key`; True once the window holds more than `limit` hits."""
    count = _count_in_cache if settings.CACHES["default"]["BACKEND"] == _REDIS else _count_in_database
    return count(f"ratelimit:{key}", window_seconds) > limit


def _count_in_database(key: str, window_seconds: int) -> int:
    now = int(time.time())
    window_end = (now // window_seconds + 1) * window_seconds
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, hits, window_end) VALUES (%s, 1, %s) "
            f"ON CONFLICT (bucket) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits",
            [f"{key}@{window_end}", window_end],
        )
        (hits,) = cursor.fetchone()
    if hits == 1:
        RateCounter.objects.filter(window_end__lte=now).delete()
    return hits


def _count_in_cache(key: str, window_seconds: int) -> int:
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


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
