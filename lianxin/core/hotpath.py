"""The few reads every logged-in request makes, written as SQL once instead of built by the ORM
each time.

Each page loads its session, its user, the user's roles and the bell's unread count, and a
dashboard the change marks that say whether its drawn body is still current. Measured on the
PostgreSQL bench (issue 15), building those querysets cost two to three times what running
them did: the roles query (with its org and the org's parent) 1.45 ms through the ORM against
0.49 ms as the same SQL; a count 0.60 against 0.19. Under load that was a third of a county
page's time. The SQL here is plain enough for both databases; the rows still become model
instances (`from_db`, as the ORM makes them) and go to the database the router reads the model
from, so replicas and the query counts of the tests see no difference. Everything else stays
with the ORM: this is for queries on every request, not a second way to read data.

On PostgreSQL each statement is also PREPAREd once per connection and then run by EXECUTE: the
server then neither parses nor plans it again, which halved the roles query (0.35 → 0.16 ms)
and took ~0.1 ms off each of the others. The PREPARE goes straight to the driver, like Django's
own connection setup, so the tests' query counts do not depend on which test ran first. A
pooler that hands a session's statements to other clients (pgbouncer in transaction mode) has
no such statements: LIANXIN_PREPARED_STATEMENTS=0 sends the plain SQL.
"""

import hashlib
import re
import weakref
from functools import cache

from django.conf import settings
from django.db import connections, router

# The driver's connections -> names PREPAREd on them: a statement lives as long as its session.
_prepared: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()
# name -> SQL, so that a report of the queries a page ran can show what an EXECUTE ran.
_statements: dict[str, str] = {}
_EXECUTE = re.compile(r"EXECUTE (lx_[0-9a-f]+)")


def database(model) -> str:
    return router.db_for_read(model) or "default"


def _written(model) -> str:
    return router.db_for_write(model) or "default"


def rows(model, sql: str, params, *, for_write: bool = False) -> list[tuple]:
    """The rows of `sql`, read from where the router reads `model` (or, `for_write`, from where
    it writes it: a read that a write depends on must not come from a lagging replica)."""
    alias = _written(model) if for_write else database(model)
    with connections[alias].cursor() as cursor:
        cursor.execute(_prepared_as(alias, sql), params)
        return cursor.fetchall()


def execute(model, sql: str, params) -> None:
    """A write: on the database the router writes `model` to."""
    alias = _written(model)
    with connections[alias].cursor() as cursor:
        cursor.execute(_prepared_as(alias, sql), params)


def scalar(model, sql: str, params):
    return rows(model, sql, params)[0][0]


def scalars(model, *queries: tuple[str, list]) -> list:
    """The values of several one-value queries, as one statement `SELECT (q1), (q2), …`: one
    round trip for them all (a dashboard's change marks and its bell)."""
    sql = "SELECT " + ", ".join(f"({query})" for query, _params in queries)
    return list(rows(model, sql, [value for _query, params in queries for value in params])[0])


def get(model, column: str, value):
    """The row whose `column` is `value`, as an instance, or None. Through `raw()`, which
    converts the values as the ORM does (SQLite's datetimes)."""
    alias = database(model)
    return next(iter(model.objects.using(alias).raw(_prepared_as(alias, _get_sql(model, column)), [value])), None)


@cache
def _get_sql(model, column: str) -> str:
    # The columns by name, not `*`: a prepared `*` fails once a migration adds a column.
    columns = ", ".join(f.column for f in model._meta.concrete_fields)
    return f"SELECT {columns} FROM {model._meta.db_table} WHERE {column} = %s"


def _prepared_as(alias: str, sql: str) -> str:
    """What to send for `sql` on `alias`: on PostgreSQL `EXECUTE name(%s, …)` of the statement
    PREPAREd on this connection (now, if not yet), elsewhere `sql` itself."""
    db = connections[alias]
    if db.vendor != "postgresql" or not settings.LIANXIN_PREPARED_STATEMENTS:
        return sql
    name, prepare, execute = _named(sql)
    db.ensure_connection()
    done = _prepared.setdefault(db.connection, set())
    if name not in done:
        with db.wrap_database_errors:
            db.connection.execute(prepare)
        done.add(name)
    return execute


@cache
def _named(sql: str) -> tuple[str, str, str]:
    """`sql`'s statement name, its PREPARE and its EXECUTE: worked out once per statement, not
    on every request."""
    name = "lx_" + hashlib.sha256(sql.encode()).hexdigest()[:20]
    count = sql.count("%s")
    numbered = iter(range(1, count + 1))
    prepare = f"PREPARE {name} AS " + re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    _statements[name] = sql
    return name, prepare, f"EXECUTE {name}({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"


def loaded(model, fields) -> list[str]:
    """`fields` (attnames: `org_id`, not `org`) in the model's column order, which `from_db`
    expects for a partly loaded row."""
    return [f.attname for f in model._meta.concrete_fields if f.attname in fields]


def select(model, alias: str, fields) -> str:
    return ", ".join(f"{alias}.{model._meta.get_field(name).column}" for name in loaded(model, fields))


def instance(model, fields, values):
    """An instance with only `fields` loaded, from values in `select`'s order (any other field
    is read when first used, as with `only()`). Callers pick fields that need no conversion:
    text, numbers, keys, booleans."""
    return model.from_db(database(model), loaded(model, fields), values)


def statement(sql: str) -> str:
    """The SQL that `sql`, an `EXECUTE lx_…` sent by this module, runs (its parameters as %s);
    any other SQL as it is."""
    executed = _EXECUTE.match(sql)
    return _statements.get(executed.group(1), sql) if executed else sql
