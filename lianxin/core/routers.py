"""Dashboards and exports read from a replica when one is configured (issue 15.7).

The pages that read the most — the battle map, rating statistics, the liaison board — and the
exports change nothing, and a few seconds of replication lag do not matter to them, so they
can go to a streaming replica (DATABASE_REPLICA_URL) and leave the primary to the writes.
Everything else, and every write, stays on `default`: a clerk who saves a form and reloads it
must see what was saved, which a lagging replica cannot promise.

A view says it may read from the replica with `read_replica = True` (or `"exports"`: only its
`?export=` requests, as ExportMixin declares); the middleware marks the request, the router
sends that request's reads to the replica. A background export marks
itself with `reading_replica()`. With no replica configured nothing changes.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def replica_configured() -> bool:
    return settings.LIANXIN_READ_REPLICA and REPLICA in settings.DATABASES


@contextmanager
def reading_replica():
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading_replica.get() and replica_configured() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Marks the requests whose view declares `read_replica` (GET and HEAD only), until
    their response is made: a worker thread's next request starts unmarked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "_replica_token", None)
        if token is not None:
            _reading_replica.reset(token)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        declared = getattr(getattr(view_func, "view_class", None), "read_replica", False)
        if declared == "exports":
            declared = "export" in request.GET
        if request.method in ("GET", "HEAD") and declared:
            request._replica_token = _reading_replica.set(True)
