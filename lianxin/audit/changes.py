"""Has anything changed here? A validator for pages polled by the minute (issue 15.5).

`record()` marks, for each event with a place, the newest event per county and app
(`ChangeMark`). `last_change` reads the marks under an org and above it: the largest mark of
the apps a page shows is a validator (an ETag) that moves exactly when a service changed one
of their rows there — date-dependent figures aside, which is why callers put the day in the ETag.
An event with no place (a system job's, say) marks the empty code, which every page reads: it
may have changed anything, and a poll must not answer 304 over it."""

from functools import cache

from lianxin.audit.models import ChangeMark
from lianxin.core import hotpath
from lianxin.core.scope import code_range

COUNTY_LENGTH = 6


def mark(org_code: str, app: str, seq: int) -> None:
    """Called by `record()` under the chain's lock, on every write: one upsert (PostgreSQL and
    SQLite ≥ 3.24 both have ON CONFLICT), written once like the reads of core/hotpath.py."""
    hotpath.execute(ChangeMark, _MARK_SQL, [org_code[:COUNTY_LENGTH], app, seq])


_MARK_SQL = (
    f"INSERT INTO {ChangeMark._meta.db_table} (code, app, seq) VALUES (%s, %s, %s)"
    " ON CONFLICT (code, app) DO UPDATE SET seq = excluded.seq"
)


def last_change(org_code: str, apps=None) -> int:
    """The newest event of `apps` (None: of every app) that can change what a page about
    `org_code` shows, 0 if none: one at or under it (or in the county above a township or
    village: a place's page also moves with its county's changes), one at a unit above it (a
    city's notice to every village, say) or one with no place."""
    return hotpath.scalar(ChangeMark, *change_query(org_code, apps)) or 0


def change_query(org_code: str, apps=None) -> tuple[str, list]:
    """`last_change`'s SQL and parameters (its value NULL where there is no mark), for a caller
    that reads it together with other values (core/hotpath.py `scalars`)."""
    scope = org_code[:COUNTY_LENGTH]
    low, high = code_range(scope)
    at = ["", *(scope[:n] for n in range(2, len(scope), 2))]
    apps = None if apps is None else list(apps)
    if apps == []:
        return "SELECT NULL", []
    sql = _last_change_sql(high is not None, len(at), None if apps is None else len(apps))
    return sql, [low, *([high] if high is not None else []), *at, *(apps or [])]


@cache
def _last_change_sql(bounded: bool, codes: int, apps: int | None) -> str:
    """Read by every dashboard and poll, so written once per shape (core/hotpath.py): the
    newest mark in [low, high) or at one of `codes` (the empty code, the units above), of `apps`."""
    under = "code >= %s" + (" AND code < %s" if bounded else "")
    at = ", ".join(["%s"] * codes)
    of_apps = "" if apps is None else " AND app IN (" + ", ".join(["%s"] * apps) + ")"
    return f"SELECT MAX(seq) FROM {ChangeMark._meta.db_table} WHERE (({under}) OR code IN ({at})){of_apps}"
