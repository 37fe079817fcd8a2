"""Scaling figures for docs/scaling.md (issue 15.7): how the liaison pages hold up as the visits
grow, measured on the kept bench data at 1×, 4× and 16× its visits.

Works on a copy of the SQLite file `make bench` keeps (`BENCH_KEEP=1 make bench` writes
bench/bench-keep.sqlite3); the kept file is never written. The copy is migrated, then for each
multiple the original visits are copied back in time (bulk SQL: each copy shifted by one more
span of the bench's dates), the visit days and the liaison rollups rebuilt, and timed:

- the liaison board of 孟州市 (county, counted) and of 焦作市 (city, from the rollups);
- the visit log page of 孟州市 (first page of all its visits);
- the export of one village's visits of the bench's own span (a window that does not grow),
  as rows per second;
- the database size.

    .venv/bin/python bench/scaling_bench.py [bench/bench-keep.sqlite3]

Prints the figures and writes bench/results-scaling.json; docs/scaling.md quotes them."""

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

from run import timed  # the median of runs after one warm-up, as every bench figure

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
MULTIPLES = (1, 4, 16)
RUNS = 7
VILLAGE = "410883105201"
PAGES = {
    "liaison_board_county_ms": ("bench_county", "/liaison/board/410883/", "西虢镇"),
    "liaison_board_city_ms": ("bench_city", "/liaison/board/4108/", "孟州市"),
    "visit_log_county_ms": ("bench_county", "/liaison/visits/?who=all", "走访记录"),
}
VISIT_COLUMNS = "date, way, raised, category, created_at, created_by_id, household_id, member_id, org_id"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy (the WAL folded in) through SQLite's backup API."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def setup(target: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ["DATABASE_URL"] = f"sqlite:///{target}"
    os.environ["LIANXIN_AUDIT_CHECKPOINTS"] = str(BENCH_DIR / f"scaling-{os.getpid()}.audit-checkpoints.jsonl")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def clients() -> dict:
    from lianxin.accounts.models import User
    from lianxin.testing.auth import verified_client

    return {name: verified_client(User.objects.get(username=name)) for name in ("bench_county", "bench_city")}


def grow(original_max_id: int, first_day, last_day, copies: range) -> None:
    """Copy the original visits back in time, copy n shifted by n spans of the bench's dates."""
    from django.db import connection, transaction

    span = (last_day - first_day).days + 1
    with transaction.atomic(), connection.cursor() as cursor:
        for n in copies:
            cursor.execute(
                f"INSERT INTO liaison_visit ({VISIT_COLUMNS}) "
                f"SELECT date(date, '-{n * span} days'), way, raised, category, created_at, created_by_id, "
                f"household_id, member_id, org_id FROM liaison_visit WHERE id <= %s",
                [original_max_id],
            )
        cursor.execute("DELETE FROM liaison_visitday")
        cursor.execute(
            "INSERT INTO liaison_visitday (org_id, code, date, visits) "
            "SELECT v.org_id, o.code, v.date, COUNT(*) FROM liaison_visit v JOIN orgs_org o ON o.id = v.org_id "
            "GROUP BY v.org_id, o.code, v.date"
        )


def refresh_rollups() -> float:
    from django.utils import timezone

    from lianxin.liaison.rollups import LIAISON
    from lianxin.orgs.rollups import refresh_all

    start = time.perf_counter()
    refresh_all(LIAISON, timezone.localdate())
    return (time.perf_counter() - start) * 1000


def measure(logged_in: dict, first_day) -> dict:
    from django.db import connection

    from lianxin.liaison.models import Visit

    figures = {}
    for key, (user, path, expect) in PAGES.items():

        def get(user=user, path=path, expect=expect, key=key):
            response = logged_in[user].get(path)
            if response.status_code != 200 or expect not in response.content.decode():
                raise SystemExit(f"{key}: {path} returned {response.status_code}")

        figures[key] = round(timed(get, RUNS)[0], 2)
    export = f"/liaison/visits/?who=all&place={VILLAGE}&since={first_day.isoformat()}&export=xlsx"
    rows = Visit.objects.filter(org__code=VILLAGE, date__gte=first_day).count()

    def download():
        response = logged_in["bench_county"].get(export)
        if response.status_code != 200 or not response["Content-Type"].startswith("application/vnd.openxml"):
            raise SystemExit(f"export returned {response.status_code}")
        response.getvalue()

    figures["visits_export_rows"] = rows
    figures["visits_export_rows_per_s"] = round(rows / (timed(download, 3)[0] / 1000))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        figures["database_mb"] = round(pages * cursor.fetchone()[0] / 2**20, 1)
    figures["visits"] = Visit.objects.count()
    return figures


def print_table(results: dict) -> None:
    """The measured part of docs/scaling.md's table, in Markdown."""
    columns = [f"{m}x" for m in MULTIPLES]
    print("| figure | " + " | ".join(f"{m}× visits" for m in MULTIPLES) + " |")
    print("|---|" + "---|" * len(columns))
    for key in results[columns[0]]:
        print(f"| `{key}` | " + " | ".join(f"{results[c][key]:,}" for c in columns) + " |")


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else BENCH_DIR / "bench-keep.sqlite3"
    target = BENCH_DIR / f"scaling-{os.getpid()}.sqlite3"
    copy_database(source, target)
    try:
        setup(target)
        from django.db.models import Max, Min

        from lianxin.liaison.models import Visit

        bounds = Visit.objects.aggregate(first=Min("date"), last=Max("date"), top=Max("id"))
        logged_in = clients()
        results, done = {}, 1
        for multiple in MULTIPLES:
            grow(bounds["top"], bounds["first"], bounds["last"], range(done, multiple))
            done = multiple
            refresh_ms = refresh_rollups()
            results[f"{multiple}x"] = {
                **measure(logged_in, bounds["first"]),
                "liaison_rollups_refresh_ms": round(refresh_ms, 2),
            }
            print(f"{multiple}x", json.dumps(results[f"{multiple}x"], ensure_ascii=False), flush=True)
        results["load_average"] = os.getloadavg()
        (BENCH_DIR / "results-scaling.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print_table(results)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
