"""The visits table partitioned by year on PostgreSQL (issue 15, "past one machine").

Visits are the one table that grows without end: for all of Henan, about 4 M members visiting
monthly make ~50 M rows a year (docs/scaling.md). Partitioned by the visit's year, the pages
that read a month or a year of visits touch one partition, and a year that is no longer read
can be detached and archived whole instead of deleted row by row.

PostgreSQL asks two things of a partitioned table, and both are met here rather than in the
model, which stays the same on SQLite:
- every unique key holds the partition column: the primary key becomes (id, date) and the
  offline queue's key (created_by, client_id) becomes (created_by, client_id, date) — a resend
  carries the date typed on the phone, so it still meets the original;
- no foreign key can point at it (no unique key on id alone): photos and matters keep their
  `visit` column but without a database constraint (`db_constraint=False` in the model); Django
  still cascades deletes through the ORM, and only services write these tables.

PostgreSQL 15 allows no identity column on a partitioned table, so `id` takes its values from a
sequence owned by the column, which Django's sequence resets find like any serial column.

Rows of a year with no partition land in the DEFAULT partition; `manage.py visit_partitions`
(daily from cron, see docs/deploy.md) creates the coming year's partition before it starts.
"""

from datetime import date

TABLE = "liaison_visit"
OLD = "liaison_visit_unpartitioned"
DEFAULT = f"{TABLE}_default"
# Years before and after today for which the migration creates partitions; older data
# widens the range.
YEARS_BACK, YEARS_AHEAD = 5, 1
# The unique keys PostgreSQL requires to hold the partition column.
KEYS = ["liaison_visit_pkey", "one_visit_per_client_record"]


def partition_name(year: int) -> str:
    return f"{TABLE}_y{year}"


def _definitions(cursor, table: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The index definitions (other than the primary and unique keys) and the foreign keys
    (name, definition) of `table`, to be made again on the table that replaces it."""
    cursor.execute(
        """SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN
           (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))""",
        [table, table],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    return indexes, cursor.fetchall()


def _replace(cursor, keys_sql: str, partition_by: str, after_create: list[str]) -> None:
    """Rename the visits table away, create its replacement (the old columns with `keys_sql`,
    partitioned by `partition_by` if given, then `after_create`), copy the rows, drop the old
    table and give the new one the old indexes and foreign keys. The old table's unique keys
    (KEYS) are dropped first so that the new table's keys can take their names."""
    indexes, foreign_keys = _definitions(cursor, TABLE)
    # An identity column's sequence is named after the table: free the name for the new one.
    cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id DROP IDENTITY IF EXISTS")
    cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id DROP DEFAULT")
    cursor.execute(f"DROP SEQUENCE IF EXISTS {TABLE}_id_seq")
    cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
    for key in KEYS:
        cursor.execute(f"ALTER TABLE {OLD} DROP CONSTRAINT {key}")
    partitioned = f" PARTITION BY RANGE ({partition_by})" if partition_by else ""
    cursor.execute(f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS, {keys_sql}){partitioned}")
    cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
    cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
    for statement in after_create:
        cursor.execute(statement)
    cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")
    cursor.execute(f"DROP TABLE {OLD}")
    for definition in indexes:
        # Read from the table before it was renamed; "ON ONLY" (a partitioned parent's index)
        # would not index the partitions of a new partitioned table.
        cursor.execute(definition.replace(" ON ONLY ", " ON "))
    for name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
    cursor.execute(f"SELECT setval('{TABLE}_id_seq', COALESCE((SELECT MAX(id) FROM {TABLE}), 0) + 1, false)")


def _years(cursor, today: date) -> range:
    cursor.execute(f"SELECT EXTRACT(YEAR FROM MIN(date))::int, EXTRACT(YEAR FROM MAX(date))::int FROM {TABLE}")
    low, high = cursor.fetchone()
    first = min(low or today.year, today.year - YEARS_BACK)
    last = max(high or today.year, today.year + YEARS_AHEAD)
    return range(first, last + 1)


def create_partition_sql(year: int) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {partition_name(year)} PARTITION OF {TABLE} "
        f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
    )


def is_partitioned(connection) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        return cursor.fetchone() is not None


def partition(schema_editor, today: date) -> None:
    """Make the visits table a table partitioned by year (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        years = _years(cursor, today)
        keys = (
            "CONSTRAINT liaison_visit_pkey PRIMARY KEY (id, date), "
            "CONSTRAINT one_visit_per_client_record UNIQUE (created_by_id, client_id, date)"
        )
        partitions = [f"CREATE TABLE {DEFAULT} PARTITION OF {TABLE} DEFAULT"]
        partitions += [create_partition_sql(year) for year in years]
        _replace(cursor, keys, "date", partitions)


def unpartition(schema_editor) -> None:
    """Back to one plain table with the model's keys (the migration's reverse)."""
    if not is_partitioned(schema_editor.connection):
        return
    with schema_editor.connection.cursor() as cursor:
        keys = (
            "CONSTRAINT liaison_visit_pkey PRIMARY KEY (id), "
            "CONSTRAINT one_visit_per_client_record UNIQUE (created_by_id, client_id)"
        )
        _replace(cursor, keys, "", [])


def ensure_year(connection, year: int) -> bool:
    """Create `year`'s partition if missing; False when rows of that year already sit in the
    DEFAULT partition (PostgreSQL then refuses the new partition: move them first)."""
    if not is_partitioned(connection):
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {DEFAULT} WHERE date >= %s AND date < %s LIMIT 1",
            [date(year, 1, 1), date(year + 1, 1, 1)],
        )
        if cursor.fetchone():
            return False
        cursor.execute(create_partition_sql(year))
    return True
