"""Issue 4 figures (评星定级): determining all 2,024 villages of 焦作市 through the service,
and the star statistics page at province scale.

Set-up is load generation, bulk-inserted: one publicised application per village of 焦作市
(a publicity per county, already over), and last year's and this year's result rows for the
other 50,000 villages of Henan. Then `determine_city_s` times `rating.services.determine` for
each of the 2,024 applications — lock, guards, quota row lock, result row, audit event — and
`stats_province_ms` times GET /rating/stats/41/ as the province office.

Registered from run.py with `register(benchmark, timed)`, after the planning bench when that
is registered (its province-wide data generation runs first; this one needs none of it)."""

import random
import time

import rollup_bench

CITY, PROVINCE = "4108", "41"
BATCH = 5000


def prepare_city(year: int) -> list:
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
    from lianxin.orgs.models import Org
    from lianxin.rating.choices import ApplicationStatus, QuotaKind
    from lianxin.rating.models import Application, Publicity, Quota
    from lianxin.standards.choices import Star

    rng = random.Random(4108)
    start = timezone.localdate() - timedelta(days=30)
    with transaction.atomic():
        counties = list(Org.objects.filter(parent__code=CITY, kind=OrgKind.COUNTY))
        publicities = {
            c.code: Publicity.objects.create(
                org=c,
                year=year,
                title=f"{c.short_name}公示",
                start_date=start,
                end_date=start + timedelta(days=6),
                working_days=5,
            )
            for c in counties
        }
        Quota.objects.bulk_create(
            Quota(org=c, year=year, kind=QuotaKind.LEVEL, level=level, limit=10_000)
            for c in counties
            for level in (3, 4, 5)
        )
        villages = Org.objects.filter(code__startswith=CITY, kind__in=GRASSROOTS_KINDS).values_list("pk", "code")
        apps = []
        for pk, code in villages:
            stars = [Star.BRANCH.value, *rng.sample(Star.values[1:], rng.randint(0, 4))]
            apps.append(
                Application(
                    org_id=pk,
                    year=year,
                    stars=stars,
                    approved_stars=stars,
                    round=1,
                    status=ApplicationStatus.PUBLICITY,
                    publicity=publicities[code[:6]],
                    chain=["township", "taskforce", "office"],
                    step_index=3,
                )
            )
        return Application.objects.bulk_create(apps, batch_size=BATCH)


def generate_province(year: int) -> int:
    """Result rows for this and last year for every village outside 焦作市 (bulk)."""
    from django.db import transaction

    from lianxin.orgs.choices import GRASSROOTS_KINDS
    from lianxin.orgs.models import Org
    from lianxin.rating.models import VillageRating
    from lianxin.standards.choices import Star

    rng = random.Random(41)
    villages = Org.objects.filter(kind__in=GRASSROOTS_KINDS).exclude(code__startswith=CITY).values_list("pk", "code")
    rows = []
    for pk, code in villages:
        for y in (year - 1, year):
            level = rng.choices([0, 1, 2, 3, 4, 5], weights=[10, 15, 20, 30, 15, 10])[0]
            if not level:
                continue
            stars = {Star.BRANCH.value, *rng.sample(Star.values[1:], level - 1)}
            rows.append(
                VillageRating(
                    org_id=pk,
                    code=code,
                    year=y,
                    level=level,
                    determined_level=level,
                    **{s: s in stars for s in Star.values},
                )
            )
    with transaction.atomic():
        VillageRating.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def register(benchmark, timed) -> None:
    state = {}

    @benchmark("determine_city_s")
    def determine_city(clients):
        from django.utils import timezone

        from lianxin.audit.services import Actor
        from lianxin.rating import services
        from lianxin.rating.models import Application

        year = timezone.localdate().year
        apps = prepare_city(year)
        actor = Actor.system("bench")
        start = time.perf_counter()
        for application in apps:
            services.determine(actor, application)
        seconds = time.perf_counter() - start
        determined = Application.objects.filter(year=year, status="determined").count()
        if determined != len(apps) or len(apps) != 2024:
            raise SystemExit(f"determine_city_s: {determined} of {len(apps)} applications determined")
        state["year"] = year
        print(f"  determined {len(apps)} applications of 焦作市 in {seconds:.1f} s")
        return seconds, [seconds]

    @benchmark("rating_generate_s")
    def generate(clients):
        from django.db import connection

        start = time.perf_counter()
        rows = generate_province(state["year"])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - start
        print(f"  generated {rows} result rows for Henan in {seconds:.1f} s")
        return seconds, [seconds]

    rollup_bench.register_refresh(benchmark, timed, "rating_rollups_refresh_ms", "lianxin.rating.rollups.RATINGS")
    rollup_bench.register_floor(benchmark, timed, "stats_province_raw_ms", "lianxin.rating.rollups.RATINGS", 1)

    @benchmark("stats_province_ms")
    def stats_province(clients):
        def get():
            response = clients["bench_prov"].get(f"/rating/stats/{PROVINCE}/")
            if response.status_code != 200 or "焦作" not in response.content.decode():
                raise SystemExit(f"stats_province_ms: {response.status_code}")

        return timed(get)


TARGETS = [
    ("determine_city_s ≤ 30", lambda r: r["determine_city_s"] <= 30),
]
