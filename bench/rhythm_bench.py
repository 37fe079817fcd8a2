"""Work-rhythm figures for `make bench` (issue 14): building one weekly bulletin with its Word file
for 孟州市 and for 焦作市, and the receipt page of a notice the 焦作市 office sent to every
village and community of the city (one village user each, a third of them read).

A bulletin is only as slow as the data it reads, so it is built over the data the other
benches generate with their own generators: plans, measures and self-assessments for every
village (planning_bench), 孟州市's 100,000 households and 500,000 visits and a tenth of that
density in the other counties (liaison_bench), and the key-matters lists — 孟州市's 59 keepers
with twelve months of lists from the key-matters demo (lists_bench's units), four matters per
township elsewhere in the city (written in bulk). In the full run the planning and liaison
data are already there; the key matters are made here if they are not.

Registered from run.py with `register(benchmark, timed)`; `python bench/rhythm_bench.py` runs
only these figures on a fresh database holding 焦作市 alone, its data generated first (a few
minutes), and prints them with the machine's load average."""

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

JIAOZUO = "4108"
MENGZHOU = "410883"
BUILDS = 5  # timed builds per bulletin: each computes every figure and writes a Word file


def bulletin_build(code: str):
    """Seconds to build the bulletin of `code` for last week (figures, ranking, Word file), as
    the task worker does, on a bulletin row made once."""
    from django.utils import timezone

    from lianxin.audit.services import Actor
    from lianxin.orgs.models import Org
    from lianxin.rhythm import services, tasks
    from lianxin.rhythm.figures import week_of

    monday, _sunday = week_of(timezone.localdate())
    bulletin = services.request_bulletin(Actor.system("bench"), Org.objects.get(code=code), monday)
    bulletin.refresh_from_db()
    median, samples = timed(lambda: tasks.build(bulletin), runs=BUILDS)
    units = len(bulletin.figures["units"])
    lists = sum(row["lists"] for row in bulletin.figures["key_matters"])
    print(
        f"  bulletin {code}: {units} units, {len(bulletin.red_codes)} red, {lists} key-matter lists, "
        f"{bulletin.file.size} bytes of Word"
    )
    return median / 1000, [s / 1000 for s in samples]


timed = None  # run.timed, set by register()


def key_matters() -> int:
    """The key-matters lists of 焦作市 (see the module docstring); once per database."""
    import lists_bench
    from django.utils import timezone

    from lianxin.keymatters import demo
    from lianxin.keymatters.choices import MatterStatus
    from lianxin.keymatters.models import KeyMatter
    from lianxin.orgs.choices import OrgKind
    from lianxin.orgs.models import Org

    if KeyMatter.objects.exists():
        return 0
    lists_bench.make_units()
    demo.load()
    rng, today = random.Random(14), timezone.localdate()
    townships = Org.objects.filter(parent__parent__code=JIAOZUO, kind=OrgKind.TOWNSHIP).exclude(parent__code=MENGZHOU)
    matters = []
    for township in townships:
        for i in range(rng.randint(2, 6)):  # some lists short of three
            entered = today - timedelta(days=rng.randint(10, 200))
            done = entered + timedelta(days=rng.randint(5, 60)) if rng.random() < 0.4 else None
            matters.append(
                KeyMatter(
                    org=township,
                    title=f"重点事项{i + 1}",
                    owner="王同志",
                    deadline=entered + timedelta(days=rng.choice((25, 45, 75, 120))),
                    entered_on=entered,
                    status=MatterStatus.DONE if done and done <= today else MatterStatus.OPEN,
                    done_on=done if done and done <= today else None,
                )
            )
    KeyMatter.objects.bulk_create(matters)
    return KeyMatter.objects.count()


def village_users(code: str) -> int:
    """One village-role account per village and community under `code`, written in bulk (the
    accounts service would hash a password for each: minutes, for nothing timed here)."""
    from lianxin.accounts.models import RoleAssignment, User
    from lianxin.accounts.roles import Role
    from lianxin.core.scope import prefix_q
    from lianxin.orgs.choices import GRASSROOTS_KINDS
    from lianxin.orgs.models import Org

    villages = list(Org.objects.filter(prefix_q(code), kind__in=GRASSROOTS_KINDS).values_list("pk", "code"))
    User.objects.bulk_create(User(username=f"bench_v{c}", name=f"村干部{c}", password="!") for _, c in villages)
    ids = dict(User.objects.filter(username__startswith="bench_v").values_list("username", "pk"))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user_id=ids[f"bench_v{c}"], role=Role.VILLAGE, org_id=pk) for pk, c in villages
    )
    return len(villages)


def city_notice(clients):
    from lianxin.accounts.models import User
    from lianxin.accounts.roles import Role
    from lianxin.audit.services import Actor
    from lianxin.notices import services
    from lianxin.notices.choices import ReplyKind, TargetKind
    from lianxin.notices.models import NoticeReceipt
    from lianxin.orgs.models import Org

    city = Org.objects.get(code=JIAOZUO)
    notice = services.send_notice(
        Actor(user=User.objects.get(username="bench_city")),
        city,
        title="关于报送五星支部创建进展的通知",
        body="请各村（社区）报送本月进展。",
        kinds=(TargetKind.VILLAGE, TargetKind.COMMUNITY),
        roles=(Role.VILLAGE,),
        reply=ReplyKind.TEXT,
    )
    for receipt in NoticeReceipt.objects.filter(notice=notice).select_related("unit")[::3]:
        services.open_receipt(receipt)
    return notice


def register(benchmark, timer) -> None:
    global timed
    timed = timer

    @benchmark("bulletin_county_s")
    def bulletin_county(clients):
        start = time.perf_counter()
        made = key_matters()
        print(f"  key matters of 焦作市: {made} in {time.perf_counter() - start:.1f} s")
        return bulletin_build(MENGZHOU)

    @benchmark("bulletin_city_s")
    def bulletin_city(clients):
        return bulletin_build(JIAOZUO)

    @benchmark("notice_receipts_ms")
    def notice_receipts(clients):
        count = village_users(JIAOZUO)
        notice = city_notice(clients)
        path = f"/notices/{notice.pk}/"
        print(f"  notice to {notice.units_total} units of 焦作市, {count} village users")

        def get():
            response = clients["bench_city"].get(path)
            if response.status_code != 200 or "已读人数" not in response.content.decode():
                raise SystemExit(f"notice_receipts_ms: GET {path} returned {response.status_code}")

        return timed(get)


TARGETS = [
    ("bulletin_county_s ≤ 3", lambda r: r["bulletin_county_s"] <= 3),
    ("bulletin_city_s ≤ 10", lambda r: r["bulletin_city_s"] <= 10),
    ("notice_receipts_ms ≤ 100", lambda r: r["notice_receipts_ms"] <= 100),
]


def main() -> None:
    """Only this module's figures, on a fresh database holding 焦作市 alone with its data."""
    import io
    import json
    import os
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run

    run.configure()
    import django

    django.setup()
    from django.core.management import call_command

    run.prepare_database()
    call_command("import_divisions", run.HENAN, "--prefix", JIAOZUO, verbosity=0, stdout=io.StringIO())
    clients = run.login_clients({"bench_city": JIAOZUO, "bench_county": MENGZHOU})
    import liaison_bench
    import planning_bench

    for name, generate in (("planning", planning_bench.generate), ("liaison", liaison_bench.generate)):
        start = time.perf_counter()
        made = generate()
        print(f"  {name} data: {time.perf_counter() - start:.1f} s, {json.dumps(made, ensure_ascii=False)[:200]}")
    figures = []
    register(lambda key: lambda fn: figures.append((key, fn)) or fn, run.timed)
    results = {key: round(fn(clients)[0], 2) for key, fn in figures}
    results["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print("  uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    for description, test in TARGETS:
        print(f"  {'ok    ' if test(results) else 'MISSED'} {description}")
    run.cleanup()


if __name__ == "__main__":
    main()
