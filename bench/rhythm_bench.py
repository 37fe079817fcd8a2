"""Work-rhythm figures for `make bench` (issue 14): building one weekly bulletin with its Word file
for 孟州市 and for 焦作市, over the planning and liaison data the earlier modules generated, and the
receipt page of a notice the 焦作市 office sent to every village and community of the city (one
village user each, a third of them read). Registered from run.py with `register(benchmark,
timed)`; `python bench/rhythm_bench.py [--with-data]` runs only these figures on a fresh
database (Henan imported first; with `--with-data`, the planning and liaison data generated
first, as in the full run)."""

import sys
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
    print(f"  bulletin {code}: {units} units, {len(bulletin.red_codes)} red, {bulletin.file.size} bytes of Word")
    return median / 1000, [s / 1000 for s in samples]


timed = None  # run.timed, set by register()


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
    """Only this module's figures: Henan imported into a fresh database, then each figure."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run

    run.configure()
    import django

    django.setup()
    run.prepare_database()
    run.import_henan()
    clients = run.login_clients()
    if "--with-data" in sys.argv:
        import liaison_bench
        import planning_bench

        planning_bench.generate()
        liaison_bench.generate()
    figures = []
    register(lambda key: lambda fn: figures.append((key, fn)) or fn, run.timed)
    results = {key: round(fn(clients)[0], 2) for key, fn in figures}
    for key, value in results.items():
        print(f"  {key:<22} {value:>10.2f}")
    for description, test in TARGETS:
        print(f"  {'ok    ' if test(results) else 'MISSED'} {description}")
    from django.db import connection

    connection.close()
    run.CHECKPOINTS_PATH.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run.SQLITE_PATH}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
