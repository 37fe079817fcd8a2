"""Peak memory and time of a 50,000-row household export, built the old way (the whole list
evaluated inside the request) and as a background job (streamed; security review point 4).

`.venv/bin/python bench/export_memory.py` makes a fresh SQLite database with 孟州市 and about
50,000 households, then builds the export in a new process per way, each reporting its own
peak resident memory (VmHWM), so one way's memory never counts for the other. Writes
bench/results-exports.json. SQLite only: its file is removed at the end.
"""

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
SQLITE_PATH = BENCH_DIR / f"exports-{os.getpid()}.sqlite3"
HOUSEHOLDS = 50_000
MENGZHOU = "410883"
LIST = "/liaison/households/"


def peak_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that over
    from the parent across fork and exec, so a child would report the parent's 50,000-row
    generation. VmHWM is the high-water mark of this process's own memory (Linux)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def setup_django() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    django.setup()


def prepare() -> None:
    """The database: 孟州市's divisions, ~50,000 households spread over its villages, one office user."""
    from django.core.management import call_command

    from lianxin.accounts import services
    from lianxin.accounts.roles import Role
    from lianxin.audit.services import Actor
    from lianxin.liaison.demo import generate
    from lianxin.liaison.models import Household
    from lianxin.orgs.choices import GRASSROOTS_KINDS
    from lianxin.orgs.importer import import_divisions
    from lianxin.orgs.models import Org

    call_command("migrate", verbosity=0)
    import_divisions(ROOT / "data" / "divisions-2023-henan", Actor.system("bench"), prefix=MENGZHOU)
    villages = Org.objects.filter(code__startswith=MENGZHOU, kind__in=GRASSROOTS_KINDS).count()
    per_village = math.ceil(HOUSEHOLDS / villages)
    generate(MENGZHOU, households_per_village=per_village, members_per_village=3, visits_total=0, seed=4)
    services.create_user(
        Actor.system("bench"),
        username="bench_county",
        password="Bench@2023x",
        name="bench",
        assignments=[(Role.OFFICE, Org.objects.get(code=MENGZHOU))],
    )
    print(f"  {Household.objects.count()} households in {villages} villages of 孟州市")


def measure(way: str) -> dict:
    """Run in a child process: build the export one way; report rows, seconds and memory."""
    setup_django()
    from itertools import islice

    from lianxin.accounts.models import User
    from lianxin.core import exports
    from lianxin.core.excel import workbook_bytes
    from lianxin.core.models import ExportJob

    user = User.objects.get(username="bench_county")
    job = ExportJob.objects.create(user=user, title="农户", filename="农户.xlsx", path=LIST, language="zh-hans")
    view = exports.rebuild_view(job)  # imports everything the export needs before the baseline
    baseline = peak_mb()
    start = time.perf_counter()
    if way == "request (before)":
        # What ScopedListView.export() did before: the queryset evaluated whole, in the request.
        rows = exports.filtered_rows(view)
        values = view.get_table_class()(rows).as_values(exclude_columns=view.export_exclude)
        header = next(values)
        size = len(workbook_bytes([("农户", header, islice(values, exports.EXPORT_ROW_LIMIT))]))
        count = rows.count()
    else:
        exports.run_export.call(job.pk)
        job.refresh_from_db()
        size, count = job.file.size, job.rows_done
    return {
        "rows": count,
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "baseline_rss_mb": round(baseline, 1),
        "file_kb": size // 1024,
    }


def main() -> None:
    media = tempfile.mkdtemp(prefix="lianxin-exports-")
    os.environ.update(
        DATABASE_URL=f"sqlite:///{SQLITE_PATH}",
        LIANXIN_AUDIT_CHECKPOINTS=str(BENCH_DIR / f"exports-{os.getpid()}.audit-checkpoints.jsonl"),
        LIANXIN_MEDIA_ROOT=media,
    )
    try:
        setup_django()
        prepare()
        results = {}
        for way in ("request (before)", "background job"):
            child = subprocess.run(
                [sys.executable, __file__, "--measure", way], check=True, capture_output=True, text=True
            )
            results[way] = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"  {way}: {results[way]}")
        (BENCH_DIR / "results-exports.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    finally:
        for path in BENCH_DIR.glob(f"exports-{os.getpid()}.*"):
            path.unlink()
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2]), ensure_ascii=False))
    else:
        main()
