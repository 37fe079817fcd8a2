"""Issue 3 figures: the battle map at county, city and province scale, and a county's ledger.

Generates plans for all 52,378 villages of Henan for this year against the sample standard:
five plan stars, measures for the targeted stars, 29 key-task self-assessments per village
(1.52 M rows), progress reports in 焦作市, and each village's summary row computed by the same
`star_cell` function the services use. Rows are bulk-inserted; this is load generation, not
the code under test."""

import random
import time
from datetime import timedelta

import rollup_bench

BATCH = 5000
COUNTY, CITY, PROVINCE = "410883", "4108", "41"


def generate() -> dict:
    from django.db import transaction
    from django.utils import timezone

    from lianxin.audit.services import Actor
    from lianxin.orgs.choices import GRASSROOTS_KINDS
    from lianxin.orgs.models import Org
    from lianxin.planning.models import CreationPlan, Measure, PlanStar, ProgressReport, SelfAssessment
    from lianxin.standards.models import WorkItem
    from lianxin.standards.services import load_sample

    rng = random.Random(2023)
    today = timezone.localdate()
    year = today.year
    standard = load_sample(Actor.system("bench"), Org.objects.get(code=PROVINCE), year)
    items = list(WorkItem.objects.filter(key_task__standard=standard).select_related("key_task"))
    first_items = list({i.key_task_id: i for i in reversed(items)}.values())  # one per key task: 29
    by_star = {}
    for item in items:
        by_star.setdefault(item.key_task.star, []).append(item)
    villages = list(Org.objects.filter(kind__in=GRASSROOTS_KINDS).values_list("pk", "code"))
    with transaction.atomic():
        plans = CreationPlan.objects.bulk_create(
            (
                CreationPlan(org_id=pk, year=year, standard=standard, status="accepted", target_level=rng.randint(1, 5))
                for pk, _code in villages
            ),
            batch_size=BATCH,
        )
        stars, measures = [], []
        for plan in plans:
            targeted = set(rng.sample(sorted(by_star), plan.target_level))
            stars.extend(PlanStar(plan=plan, star=s, targeted=s in targeted) for s in by_star)
            for star in targeted:
                for _ in range(2):
                    deadline = today + timedelta(days=rng.randint(-200, 60))
                    progress = 100 if deadline < today and rng.random() < 0.85 else rng.choice([0, 30, 60])
                    measures.append(
                        Measure(
                            plan=plan,
                            star=star,
                            work_item=rng.choice(by_star[star]),
                            description="推进" + star,
                            deadline=deadline,
                            responsible_name="王建国",
                            progress=progress,
                            completed_at=deadline if progress == 100 else None,
                        )
                    )
        PlanStar.objects.bulk_create(stars, batch_size=BATCH)
        Measure.objects.bulk_create(measures, batch_size=BATCH)
        SelfAssessment.objects.bulk_create(
            (
                SelfAssessment(plan=plan, work_item=item, met=rng.random() < 0.6)
                for plan in plans
                for item in first_items
            ),
            batch_size=BATCH,
        )
        city = {pk for pk, code in villages if code.startswith(CITY)}  # reports for 焦作市's ledgers
        ProgressReport.objects.bulk_create(
            (
                ProgressReport(measure=m, date=min(m.deadline, today), text="已推进", progress=m.progress)
                for m in measures
                if m.progress and m.plan.org_id in city
            ),
            batch_size=BATCH,
        )
        summaries = _summaries(plans, stars, measures, year, dict(villages))
    return {
        "plans": len(plans),
        "measures": len(measures),
        "assessments": len(plans) * len(first_items),
        "summaries": summaries,
    }


def _summaries(plans, stars, measures, year, codes) -> int:
    """One summary row per village, computed by the planning services' own `star_cell`."""
    from lianxin.planning.models import VillageYearSummary
    from lianxin.planning.services import star_cell
    from lianxin.standards.choices import Star

    targeted = {(s.plan_id, s.star) for s in stars if s.targeted}
    by_plan: dict[int, list] = {}
    for m in measures:
        by_plan.setdefault(m.plan_id, []).append(m)
    rows = []
    for plan in plans:
        mine = by_plan.get(plan.pk, [])
        values = {}
        for star in Star.values:
            values[f"{star}_status"], values[f"{star}_due"] = star_cell(
                (plan.pk, star) in targeted, [m for m in mine if m.star == star]
            )
        rows.append(
            VillageYearSummary(
                org_id=plan.org_id,
                org_code=codes[plan.org_id],
                year=year,
                plan_status=plan.status,
                target_level=plan.target_level,
                measures_total=len(mine),
                measures_done=sum(1 for m in mine if m.completed_at),
                next_due=min((m.deadline for m in mine if m.completed_at is None), default=None),
                **values,
            )
        )
    VillageYearSummary.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def register(benchmark, timed) -> None:
    """Add this issue's figures to bench/run.py's registry."""

    @benchmark("planning_generate_s")
    def generate_plans(clients):
        start = time.perf_counter()
        counts = generate()
        seconds = time.perf_counter() - start
        print(f"  generated {counts}")
        return seconds, [seconds]  # seconds, one run

    rollup_bench.register_refresh(benchmark, timed, "board_rollups_refresh_ms", "lianxin.planning.rollups.BOARD")
    rollup_bench.register_floor(benchmark, timed, "board_province_raw_ms", "lianxin.planning.rollups.BOARD", 0)
    for key, username, path in (
        ("board_county_ms", "bench_county", f"/planning/board/{COUNTY}/"),
        ("board_city_ms", "bench_city", f"/planning/board/{CITY}/"),
        ("board_province_ms", "bench_prov", f"/planning/board/{PROVINCE}/"),
    ):
        _page(benchmark, timed, key, username, path)

    def first_kb(username, code_of):
        """Size of the county battle map's first response, in KB (its villages load by township)."""

        def measure(clients):
            response = clients[username].get(f"/planning/board/{code_of()}/")
            if response.status_code != 200:
                raise SystemExit(f"board first response: {response.status_code}")
            size = round(len(response.content) / 1024, 1)
            return size, [size]

        return measure

    def largest_county():
        from lianxin.orgs.choices import OrgKind
        from lianxin.orgs.models import Org

        return Org.objects.filter(kind=OrgKind.COUNTY).order_by("-grassroots").values_list("code", flat=True)[0]

    benchmark("board_county_first_kb")(first_kb("bench_county", lambda: COUNTY))
    benchmark("board_largest_county_first_kb")(first_kb("bench_prov", largest_county))

    @benchmark("ledger_export_county_s")
    def ledger_export(clients):
        def get():
            response = clients["bench_county"].get(f"/planning/board/{COUNTY}/ledger/")
            if response.status_code != 200 or len(response.content) < 10_000:
                raise SystemExit(f"ledger export failed: {response.status_code}")

        median, samples = timed(get, runs=3)
        return median / 1000, [s / 1000 for s in samples]


def _page(benchmark, timed, key, username, path):
    def get(client):
        response = client.get(path)
        if response.status_code != 200 or "挂图作战" not in response.content.decode():
            raise SystemExit(f"{key}: GET {path} returned {response.status_code}")

    benchmark(key)(lambda clients: timed(lambda: get(clients[username])))


TARGETS = [
    ("board_county_ms ≤ 100", lambda r: r["board_county_ms"] <= 100),
    ("board_city_ms ≤ 300", lambda r: r["board_city_ms"] <= 300),
    ("board_county_first_kb ≤ 60", lambda r: r["board_county_first_kb"] <= 60),
    ("board_largest_county_first_kb ≤ 60", lambda r: r["board_largest_county_first_kb"] <= 60),
    ("ledger_export_county_s ≤ 10", lambda r: r["ledger_export_county_s"] <= 10),
]
