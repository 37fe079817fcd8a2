"""党群连心 figures for `make bench` (issue 5): generates 孟州市 at scale (289 villages, 100,000
households, 20,000 members, 500,000 visits over 90 days) and the rest of 焦作市 at a tenth of
that density, then times the live board for the county and the city, and logging one visit
through the API. Registered from run.py with `register(benchmark, timed)`."""

import time

import rollup_bench

MENGZHOU = "410883"
HOUSEHOLDS, MEMBERS, VISITS, VILLAGES = 100_000, 20_000, 500_000, 289


def generate() -> dict:
    from lianxin.liaison.demo import generate as make
    from lianxin.orgs.choices import OrgKind
    from lianxin.orgs.models import Org

    per_village = HOUSEHOLDS / VILLAGES
    counts = {
        "mengzhou": make(
            MENGZHOU,
            households_per_village=round(per_village),
            members_per_village=round(MEMBERS / VILLAGES),
            visits_total=VISITS,
            seed=1,
        )
    }
    for county in Org.objects.filter(parent__code="4108", kind=OrgKind.COUNTY).exclude(code=MENGZHOU):
        villages = Org.objects.filter(
            code__startswith=county.code, kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY]
        ).count()
        counts[county.code] = make(
            county.code,
            households_per_village=round(per_village / 10),
            members_per_village=max(3, round(MEMBERS / VILLAGES / 10)),
            visits_total=round(VISITS / VILLAGES / 10 * villages),
            seed=int(county.code),
        )
    return counts


def register(benchmark, timed) -> None:
    state = {}

    @benchmark("liaison_generate_s")
    def generate_data(clients):
        from django.db import connection

        start = time.perf_counter()
        state["counts"] = generate()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - start
        mz = state["counts"]["mengzhou"]
        print(
            f"  liaison data: 孟州市 {mz['households']} households, {mz['members']} members, {mz['visits']} visits; "
            f"焦作市 {sum(c.get('visits', 0) for c in state['counts'].values())} visits in all, {seconds:.1f} s"
        )
        return seconds, [seconds]

    def board(key, username, code, expect):
        def get():
            response = clients_ref["c"][username].get(f"/liaison/board/{code}/")
            if response.status_code != 200 or expect not in response.content.decode():
                raise SystemExit(f"{key}: board {code} as {username} returned {response.status_code}")

        return get

    clients_ref = {}

    @benchmark("liaison_board_county_ms")
    def board_county(clients):
        clients_ref["c"] = clients
        return timed(board("liaison_board_county_ms", "bench_county", MENGZHOU, "西虢镇"))

    @benchmark("liaison_board_city_ms")
    def board_city(clients):
        clients_ref["c"] = clients
        return timed(board("liaison_board_city_ms", "bench_city", "4108", "孟州市"))

    @benchmark("liaison_poll_unchanged_ms")
    def poll_unchanged(clients):
        """The city board's 30-second poll when nothing changed: answered 304 by its ETag."""
        client, url = clients["bench_city"], "/liaison/board/4108/"
        etag = client.get(url, headers={"HX-Request": "true"})["ETag"]

        def poll():
            response = client.get(url, headers={"HX-Request": "true", "If-None-Match": etag})
            if response.status_code != 304:
                raise SystemExit(f"liaison_poll_unchanged_ms: {response.status_code}, not 304")

        return timed(poll)

    rollup_bench.register_floor(
        benchmark, timed, "liaison_board_city_raw_ms", "lianxin.liaison.rollups.LIAISON", [0], parent="4108"
    )
    rollup_bench.register_refresh(benchmark, timed, "liaison_rollups_refresh_ms", "lianxin.liaison.rollups.LIAISON")

    @benchmark("visit_log_ms")
    def visit_log(clients):
        from django.utils import timezone

        from lianxin.accounts import services
        from lianxin.accounts.roles import Role
        from lianxin.audit.services import Actor
        from lianxin.orgs.models import Org
        from lianxin.registers.models import Household, PartyMember
        from lianxin.testing.auth import verified_client

        village = Org.objects.get(code="410883105201")
        user = services.create_user(
            Actor.system("bench"),
            username="bench_member",
            password="Bench@2023x",
            name="bench",
            assignments=[(Role.MEMBER, village)],
        )
        client = verified_client(user)
        households = list(Household.objects.filter(org=village).values_list("pk", flat=True)[:50])
        member = PartyMember.objects.filter(org=village).first()
        today = timezone.localdate().isoformat()
        turn = iter(range(10**6))

        def post():
            payload = {
                "household": households[next(turn) % len(households)],
                "member": member.pk,
                "date": today,
                "way": "door",
                "raised": "反映路灯不亮",
                "category": "livelihood",
            }
            response = client.post("/api/v1/liaison/visits/", payload, content_type="application/json")
            if response.status_code != 201:
                raise SystemExit(f"visit_log_ms: POST returned {response.status_code}: {response.content[:200]!r}")

        return timed(post)


TARGETS = [
    ("liaison_board_county_ms ≤ 150", lambda r: r["liaison_board_county_ms"] <= 150),
    ("liaison_board_city_ms ≤ 300", lambda r: r["liaison_board_city_ms"] <= 300),
    ("liaison_poll_unchanged_ms ≤ 5", lambda r: r["liaison_poll_unchanged_ms"] <= 5),
    ("visit_log_ms ≤ 50", lambda r: r["visit_log_ms"] <= 50),
]
