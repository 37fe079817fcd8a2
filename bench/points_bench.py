"""Village-life figures for `make bench` (issue 13): a year of points and of three-zero reports
for all of 焦作市 (after the liaison module's households), then the three-zero statistics of a
county, the points ranking of one village, and every computed indicator for one village's
self-assessment. Each checks that its query count is the same for
a small village and a large one. Registered from run.py with `register(benchmark, timed)`."""

import time

CITY = "4108"
LARGE = "410883105201"  # a 孟州市 village (≈ 346 households); the small one is of another county
HOUSEHOLDS_PER_VILLAGE = 40


def _queries(fn) -> int:
    """The queries of a second call: the first after minutes of data generation also renews
    the client's session (lianxin/core/sessions.py), which is not the page's cost."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def _small_village() -> str:
    """The village with the fewest households on points (another county's, at a tenth of the
    density), to compare query counts with LARGE."""
    from django.db.models import Count

    from lianxin.points.models import Account

    fewest = (
        Account.objects.exclude(org__code=LARGE).values("org__code").annotate(n=Count("pk")).order_by("n", "org__code")
    )
    return fewest.values_list("org__code", flat=True)[0]


def _constant(key: str, make) -> None:
    """Raise unless `make(code)()` runs the same number of queries for a small and a large village."""
    counts = {code: _queries(make(code)) for code in (_small_village(), LARGE)}
    if len(set(counts.values())) != 1:
        raise SystemExit(f"{key}: query count depends on the village: {counts}")
    print(f"  {key}: {next(iter(counts.values()))} queries per village, small or large")


def register(benchmark, timed) -> None:
    @benchmark("points_generate_s")
    def generate(clients):
        from lianxin.points.demo import generate as make

        start = time.perf_counter()
        counts = make(CITY, households=HOUSEHOLDS_PER_VILLAGE)
        seconds = time.perf_counter() - start
        print(f"  points data: 焦作市 {counts['accounts']} households, {counts['entries']} entries, {seconds:.1f} s")
        return seconds, [seconds]

    @benchmark("three_zero_county_ms")
    def three_zero_county(clients):
        from django.utils import timezone

        from lianxin.civic.demo import generate as reports

        count = reports(CITY)
        print(f"  three-zero data: 焦作市 {count} village-months")
        year = timezone.localdate().year

        def page(code):
            def get():
                response = clients["bench_city"].get(f"/civic/zero/stats/{code}/?year={year}")
                if response.status_code != 200 or "三零村数" not in response.content.decode():
                    raise SystemExit(f"three_zero_county_ms: {code} returned {response.status_code}")

            return get

        counts = {code: _queries(page(code)) for code in ("410883", "410822")}
        if len(set(counts.values())) != 1:
            raise SystemExit(f"three_zero_county_ms: query count depends on the county: {counts}")
        return timed(page("410883"))

    @benchmark("points_ranking_village_ms")
    def ranking(clients):
        from django.utils import timezone

        year = timezone.localdate().year

        def page(code):
            def get():
                response = clients["bench_county" if code.startswith("410883") else "bench_city"].get(
                    f"/points/ranking/?place={code}&year={year}"
                )
                if response.status_code != 200 or "本年积分" not in response.content.decode():
                    raise SystemExit(f"points_ranking_village_ms: ranking {code} returned {response.status_code}")

            return get

        _constant("points_ranking_village_ms", page)
        return timed(page(LARGE))

    @benchmark("indicators_village_ms")
    def indicators_village(clients):
        from django.utils import timezone

        from lianxin.core import indicators

        year = timezone.localdate().year

        def compute(code):
            return lambda: {name: ind.compute([code], year) for name, ind in indicators.registry().items()}

        _constant("indicators_village_ms", compute)
        return timed(compute(LARGE))


TARGETS = [
    ("three_zero_county_ms ≤ 100", lambda r: r["three_zero_county_ms"] <= 100),
    ("points_ranking_village_ms ≤ 50", lambda r: r["points_ranking_village_ms"] <= 50),
    ("indicators_village_ms ≤ 50", lambda r: r["indicators_village_ms"] <= 50),
]
