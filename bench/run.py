"""Load all of Henan into a dedicated database and time the main pages (`make bench`).

SQLite by default (a fresh bench/bench-<pid>.sqlite3 every run, removed at the end); PostgreSQL when DATABASE_URL is set
(its tables are flushed first). Writes bench/results.json and bench/results-<database>.json.
See bench/README.md for what each figure means and the targets.

To add a figure: add a line to PAGES for a page, or decorate a function with @benchmark.
"""

import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
# One file per run, so two runs at once do not delete each other's database; BENCH_KEEP=1 keeps
# it as bench/bench-keep.sqlite3 for `make loadtest` (bench/loadtest.py).
KEEP = bool(os.environ.get("BENCH_KEEP"))
SQLITE_PATH = BENCH_DIR / ("bench-keep.sqlite3" if KEEP else f"bench-{os.getpid()}.sqlite3")
# The bench database's audit checkpoints must not land in the developer's var/ file.
CHECKPOINTS_PATH = BENCH_DIR / f"bench-{os.getpid()}.audit-checkpoints.jsonl"
HENAN = str(ROOT / "data" / "divisions-2023-henan")
PASSWORD = "Bench@2023x"
RUNS = 15  # timed runs per figure (at least 7); more steady the median on a busy machine
# BENCH_ONLY=planning_generate_s,board_ runs only the figures whose keys start so (a figure's
# data generation is a figure of its own: name it too).
ONLY = tuple(k for k in os.environ.get("BENCH_ONLY", "").split(",") if k)
# BENCH_KEPT=1 (with BENCH_ONLY naming pages) times again on the data a BENCH_KEEP run left (the
# SQLite file, or the DATABASE_URL database): no import, no generation, the same bench users.
KEPT = bool(os.environ.get("BENCH_KEPT"))
if KEPT:
    KEEP = True
    SQLITE_PATH = BENCH_DIR / "bench-keep.sqlite3"

# Dashboards send their drawn body again while nothing they show has changed
# (lianxin/core/views/reuse.py), so their key times a repeat visit; `<key minus _ms>_drawn_ms`
# times the same page drawn on every request (reuse off), from the rollups.
REUSED = {
    "home_province_ms",
    "home_city_ms",
    "home_county_ms",
    "board_county_ms",
    "board_city_ms",
    "board_province_ms",
    "stats_province_ms",
    "liaison_board_county_ms",
    "liaison_board_city_ms",
}

# username -> org code of the office role it holds: province, 焦作市, 孟州市.
USERS = {"bench_prov": "41", "bench_city": "4108", "bench_county": "410883"}

# key, user, path, text the page must contain (proves the overview really rendered).
PAGES = [
    ("home_province_ms", "bench_prov", "/", "焦作"),
    ("home_city_ms", "bench_city", "/", "孟州"),
    ("home_county_ms", "bench_county", "/", "西虢"),
    ("tree_province_ms", "bench_prov", "/orgs/41/", "焦作"),
]

# For each city of the province: its counties, villages and communities, with the city's names,
# in one query; what the province home page computes, as a floor for the page's cost. The
# cities come by parent_id (index org_parent_code): a code range would walk all 55k rows again.
PROVINCE_SQL = """
SELECT c.code, c.name, c.short_name,
       COALESCE(s.counties, 0), COALESCE(s.villages, 0), COALESCE(s.communities, 0)
FROM orgs_org c
LEFT JOIN (
    SELECT SUBSTR(code, 1, 4) AS prefix,
           SUM(CASE WHEN level = 3 AND kind = 'county' THEN 1 ELSE 0 END) AS counties,
           SUM(CASE WHEN kind = 'village' THEN 1 ELSE 0 END) AS villages,
           SUM(CASE WHEN kind = 'community' THEN 1 ELSE 0 END) AS communities
    FROM orgs_org
    WHERE code >= '41' AND code < '42' AND level > 2
    GROUP BY SUBSTR(code, 1, 4)
) s ON s.prefix = c.code
WHERE c.parent_id = (SELECT id FROM orgs_org WHERE code = '41') AND c.kind = 'city'
ORDER BY c.code
"""

BENCHMARKS: list[tuple[str, Callable]] = []


def benchmark(key: str):
    """Register `fn(clients) -> (median, samples)` as the figure `key`."""

    def register(fn):
        BENCHMARKS.append((key, fn))
        return fn

    return register


def timed(fn: Callable[[], object], runs: int = RUNS, warmup: int = 1) -> tuple[float, list[float]]:
    """Median and all samples, in ms, of `runs` calls of `fn` after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples


def configure() -> None:
    """Environment for django.setup(): a dedicated database, production-like DEBUG."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
    # DEBUG=True keeps every SQL statement in connection.queries and renders templates in
    # debug mode; both cost time a deployment does not pay.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ["LIANXIN_AUDIT_CHECKPOINTS"] = str(CHECKPOINTS_PATH)
    if not os.environ.get("DATABASE_URL"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"


def prepare_database() -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor != "sqlite":  # the SQLite file is new; a server database may hold a past run
        call_command("flush", "--noinput", verbosity=0)


def import_henan() -> float:
    """Seconds to import every division of Henan into the empty org table (one run)."""
    from django.core.management import call_command
    from django.db import connection

    start = time.perf_counter()
    call_command("import_divisions", HENAN, verbosity=0, stdout=io.StringIO())  # it always reports
    seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # Autovacuum would gather planner statistics within a minute of the load; do it now
        # so the timings below are those of a steady-state server, not of its first minute.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return seconds


def login_clients(users: dict | None = None) -> dict:
    """A logged-in test client per bench user, each created through the accounts service."""
    from lianxin.accounts import services
    from lianxin.accounts.roles import Role
    from lianxin.audit.services import Actor
    from lianxin.orgs.models import Org
    from lianxin.testing.auth import verified_client

    clients = {}
    for username, code in (users or USERS).items():
        user = services.create_user(
            Actor.system("bench"),
            username=username,
            password=PASSWORD,
            name="bench",
            assignments=[(Role.OFFICE, Org.objects.get(code=code))],
        )
        clients[username] = verified_client(user)  # office users: past the second factor too
    return clients


def kept_clients() -> dict:
    """Logged-in clients for the bench users a kept run made."""
    from lianxin.accounts.models import User
    from lianxin.testing.auth import verified_client

    return {user.username: verified_client(user) for user in User.objects.filter(username__in=USERS)}


def measured(key: str, fn: Callable, clients: dict) -> list[tuple[str, tuple[float, list[float]]]]:
    """The figure `key`, and for a dashboard that reuses its drawn body the same page drawn on
    every request too."""
    found = [(key, fn(clients))]
    if key in REUSED:
        from django.test import override_settings

        with override_settings(LIANXIN_PAGE_CACHE_SECONDS=0):
            found.append((key.removesuffix("_ms") + "_drawn_ms", fn(clients)))
    return found


def page_benchmark(key: str, username: str, path: str, expect: str) -> None:
    def get(client):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{key}: GET {path} as {username} returned {response.status_code}")
        if expect not in response.content.decode():
            raise SystemExit(f"{key}: GET {path} as {username} does not show {expect!r}")

    benchmark(key)(lambda clients: timed(lambda: get(clients[username])))


for page in PAGES:
    page_benchmark(*page)


@benchmark("logged_in_bare_ms")
def logged_in_bare(clients):
    """`/healthz` with a logged-in session: what the middleware loads before any page (the
    session, the user, the second-factor device): the floor under every logged-in page."""

    def get():
        response = clients["bench_prov"].get("/healthz")
        if response.status_code != 200:
            raise SystemExit(f"logged_in_bare_ms: {response.status_code}")

    return timed(get)


@benchmark("raw_sql_province_ms")
def raw_sql_province(clients):
    from django.db import connection

    def query():
        with connection.cursor() as cursor:
            cursor.execute(PROVINCE_SQL)
            rows = cursor.fetchall()
        if len(rows) != 18:
            raise SystemExit(f"raw_sql_province_ms: expected Henan's 18 cities, got {len(rows)} rows")

    return timed(query)


# Each issue's figures live in a module of their own that registers here (bench/ is on
# sys.path when run.py runs). Planning first: it generates plans for the whole province.
import assessment_bench  # noqa: E402
import liaison_bench  # noqa: E402
import lists_bench  # noqa: E402
import planning_bench  # noqa: E402
import points_bench  # noqa: E402
import rating_bench  # noqa: E402
import rhythm_bench  # noqa: E402
import rollup_bench  # noqa: E402

planning_bench.register(benchmark, timed)  # 挂图作战 (issue 3)
liaison_bench.register(benchmark, timed)  # 党群连心 (issue 5)
rating_bench.register(benchmark, timed)  # 评星定级 (issue 4)
assessment_bench.register(benchmark, timed)  # 日常考核、知识测试 (issue 11)
points_bench.register(benchmark, timed)  # 幸福积分 and the stars' computed indicators (issue 13)
rhythm_bench.register(benchmark, timed)  # 通知、周通报 (issue 14)
lists_bench.register(benchmark, timed)  # 三个清单 (issue 12)


def machine(vendor: str) -> dict:
    import django
    from django.db import connection

    connection.ensure_connection()
    # sqlite3's library version; PostgreSQL's server version as an integer, e.g. 150012.
    db_version = connection.Database.sqlite_version if vendor == "sqlite" else str(connection.pg_version)
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "django": django.get_version(),
        "database_version": db_version,
        # Other work on the machine shows up in every figure; this says how busy it was.
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


# (description, test) checked against the results; printed, never failing the run.
TARGETS = [
    ("import_henan_s ≤ 30", lambda r: r["import_henan_s"] <= 30),
    ("home_province_ms ≤ 150", lambda r: r["home_province_ms"] <= 150),
    ("home_province_ms ≤ 2 × raw_sql_province_ms", lambda r: r["home_province_ms"] <= 2 * r["raw_sql_province_ms"]),
    ("home_county_ms ≤ 50", lambda r: r["home_county_ms"] <= 50),
]
for issue_bench in (
    planning_bench,
    liaison_bench,
    rating_bench,
    rollup_bench,
    assessment_bench,
    points_bench,
    rhythm_bench,
    lists_bench,
):
    TARGETS += issue_bench.TARGETS


def main() -> None:
    configure()
    import django

    django.setup()
    from django.db import connection

    vendor = connection.vendor
    results = {"database": vendor, "machine": machine(vendor)}
    if KEPT:
        if not ONLY:
            raise SystemExit("BENCH_KEPT times pages again: name them with BENCH_ONLY")
        runs, clients = {}, kept_clients()
    else:
        prepare_database()
        seconds = import_henan()
        results["import_henan_s"] = round(seconds, 2)
        runs = {"import_henan_s": [round(seconds, 2)]}
        clients = login_clients()
    chosen = [(key, fn) for key, fn in BENCHMARKS if not ONLY or key.startswith(ONLY)]
    for key, fn in chosen:
        for name, figures in measured(key, fn, clients):
            median, samples = figures
            results[name] = round(median, 2)
            runs[name] = [round(s, 2) for s in samples]
    results["runs"] = runs

    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    # A partial run (BENCH_ONLY) writes its own file and leaves the full results alone.
    names = (f"results-{vendor}-partial.json",) if ONLY else ("results.json", f"results-{vendor}.json")
    for name in names:
        (BENCH_DIR / name).write_text(text, encoding="utf-8")

    print(f"\nLianxin bench on {vendor} {results['machine']['database_version']}, {os.cpu_count()} CPUs")
    for key in runs:
        print(f"  {key:<26} {results[key]:>10.2f}")
    for description, test in TARGETS:
        try:
            print(f"  {'ok    ' if test(results) else 'MISSED'} {description}")
        except KeyError:  # a figure this partial run did not take
            continue
    print(f"Wrote bench/{' and bench/'.join(names)}")
    cleanup()


def cleanup() -> None:
    """Remove this run's checkpoint file and, on SQLite, its database."""
    from django.db import connection

    CHECKPOINTS_PATH.unlink(missing_ok=True)
    if connection.vendor == "sqlite" and not KEEP:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
