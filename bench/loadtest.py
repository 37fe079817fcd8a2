"""`make loadtest`: the main pages under load, each beside a bare view measured in the same run.

Starts gunicorn (2 workers, loopback only) on the bench data — the database `make bench` fills,
kept for this: PostgreSQL at DATABASE_URL, or bench/bench-keep.sqlite3 (made by running the
bench with BENCH_KEEP=1 first, which this script does when the data is missing) — and drives
one page at a time with locust, headless, 10 users, for LOAD_SECONDS (default 20) each: the
home page, battle map, rating statistics and liaison board at county, city and province scope,
a visit logged through the API, and `/healthz` (no database, no session: the bare view).
Writes each page's req/s, p50/p95/p99, errors and ratio to the bare view into
bench/results.json (and results-<database>.json), with the summary keys `load_county_min_ratio`,
`load_province_min_ratio`, `load_p95_max_ms` and `load_errors`. See bench/README.md."""

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
KEEP_DB = BENCH_DIR / "bench-keep.sqlite3"
SECONDS = int(os.environ.get("LOAD_SECONDS", "20"))
USERS, WORKERS = 10, 2
COUNTY, CITY, PROVINCE = "410883", "4108", "41"

# name, scope (county / city / province / None), bench user, path
PAGES = [
    ("bare", None, None, "/healthz"),
    # The same with a logged-in session: the session, user and second-factor device every
    # logged-in page loads first (reported, not a target).
    ("bare_logged_in", None, "bench_county", "/healthz"),
    *(
        (f"{page}_{scope}", scope, user, path.format(code=code))
        for scope, user, code in (
            ("county", "bench_county", COUNTY),
            ("city", "bench_city", CITY),
            ("province", "bench_prov", PROVINCE),
        )
        for page, path in (
            ("home", "/"),
            ("board", "/planning/board/{code}/"),
            ("stats", "/rating/stats/{code}/"),
            ("liaison", "/liaison/board/{code}/"),
        )
    ),
]
VISIT_PATH = "/api/v1/liaison/visits/"


def configure() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("LIANXIN_AUDIT_CHECKPOINTS", str(BENCH_DIR / "loadtest.audit-checkpoints.jsonl"))
    if not os.environ.get("DATABASE_URL"):
        if not KEEP_DB.exists():
            print("No kept bench database: running the bench first (BENCH_KEEP=1 bench/run.py).")
            subprocess.run(
                [sys.executable, str(BENCH_DIR / "run.py")], env={**os.environ, "BENCH_KEEP": "1"}, check=True
            )
        os.environ["DATABASE_URL"] = f"sqlite:///{KEEP_DB}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    return connection.vendor


def sessions() -> dict:
    """A logged-in session (past the second factor) per bench user, stored in the database."""
    from lianxin.accounts.models import User
    from lianxin.testing.auth import verified_client

    found = {}
    for user in User.objects.filter(username__in=["bench_county", "bench_city", "bench_prov", "bench_member"]):
        found[user.username] = verified_client(user).cookies["sessionid"].value
    if len(found) != 4:
        raise SystemExit(f"bench users missing ({sorted(found)}): run the bench with BENCH_KEEP=1 first")
    return found


def visit_body() -> dict:
    from django.utils import timezone

    from lianxin.orgs.models import Org
    from lianxin.registers.models import Household, PartyMember

    village = Org.objects.get(code="410883105201")
    return {
        "household": list(Household.objects.filter(org=village).values_list("pk", flat=True)[:200]),
        "member": PartyMember.objects.filter(org=village).values_list("pk", flat=True).first(),
        "date": timezone.localdate().isoformat(),
        "way": "door",
        "raised": "反映路灯不亮",
        "category": "livelihood",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "lianxin.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def drive(port: int, path: str, session: str = "", method: str = "GET", body: dict | None = None) -> dict:
    """One headless locust run against `path`; its aggregated figures."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LOAD_PATH": path, "LOAD_SESSION": session, "LOAD_METHOD": method}
        env["LOAD_BODY"] = json.dumps(body or None)
        subprocess.run(
            [
                sys.executable, "-m", "locust", "-f", str(BENCH_DIR / "locustfile.py"), "--headless",
                "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s", "--host", f"http://127.0.0.1:{port}",
                "--csv", f"{tmp}/run", "--only-summary", "--loglevel", "ERROR",
            ],
            env=env, check=False, stdout=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip
        with open(f"{tmp}/run_stats.csv", encoding="utf-8") as f:
            row = next(r for r in csv.DictReader(f) if r["Name"] == path)
    return {
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "errors": int(row["Failure Count"]),
        "requests": int(row["Request Count"]),
    }


def summary(load: dict) -> dict:
    pages = {name: figures for name, figures in load.items() if not name.startswith("bare")}

    def min_ratio(scope):
        return min(f["ratio"] for name, f in pages.items() if name.endswith(scope))

    return {
        "load_county_min_ratio": min_ratio("_county"),
        "load_city_min_ratio": min_ratio("_city"),
        "load_province_min_ratio": min_ratio("_province"),
        "load_p95_max_ms": max(f["p95_ms"] for f in pages.values()),
        "load_errors": sum(f["errors"] for f in load.values()),
    }


def main() -> None:
    vendor = configure()
    cookies, body = sessions(), visit_body()
    port = free_port()
    server = start_gunicorn(port)
    load = {}
    try:
        for name, _scope, user, path in PAGES:
            load[name] = drive(port, path, cookies.get(user, ""))
            print(f"  {name:<18} {load[name]['rps']:>8.1f} req/s  p95 {load[name]['p95_ms']:>6.0f} ms", flush=True)
        load["visit_post"] = drive(port, VISIT_PATH, cookies["bench_member"], "POST", body)
        print(f"  visit_post         {load['visit_post']['rps']:>8.1f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = load["bare"]["rps"]
    for figures in load.values():
        figures["ratio"] = round(figures["rps"] / bare, 3) if bare else 0.0
    # Added to this database's bench figures (results.json holds the last run's, of either).
    results_path = BENCH_DIR / f"results-{vendor}.json"
    results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
    results.update(summary(load), load={"users": USERS, "workers": WORKERS, "seconds": SECONDS, "pages": load})
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    for name in ("results.json", f"results-{vendor}.json"):
        (BENCH_DIR / name).write_text(text, encoding="utf-8")
    for key, value in summary(load).items():
        print(f"  {key:<24} {value}")
    targets = [
        ("county pages ≥ 25% of bare", summary(load)["load_county_min_ratio"] >= 0.25),
        ("province pages ≥ 15% of bare", summary(load)["load_province_min_ratio"] >= 0.15),
        ("p95 ≤ 100 ms", summary(load)["load_p95_max_ms"] <= 100),
        ("0 errors", summary(load)["load_errors"] == 0),
    ]
    for description, met in targets:
        print(f"  {'ok    ' if met else 'MISSED'} {description}")


if __name__ == "__main__":
    main()
