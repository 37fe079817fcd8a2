"""The county's three lists for `make bench` (issue 12): 孟州市 with all 59 key-matter keepers
of the seed (11 townships, 10 task forces, 38 responsible units) and twelve months of lists from
the key-matters demo, then the month view of every unit's list for the last full month, as the
county office. The page's query count is checked to be the same for a month with no matters:
it reads every unit's figures in one query, whatever their number. Registered from run.py with
`register(benchmark, timed)`."""

import time

MENGZHOU = "410883"
TASK_FORCES, RESPONSIBLE_UNITS = 10, 38


def make_units() -> int:
    from lianxin.audit.services import Actor
    from lianxin.orgs import services
    from lianxin.orgs.choices import OrgKind
    from lianxin.orgs.models import Org

    actor, county = Actor.system("bench"), Org.objects.get(code=MENGZHOU)
    for kind, wanted, name in (
        (OrgKind.TASK_FORCE, TASK_FORCES, "工作专班{}"),
        (OrgKind.RESPONSIBLE_UNIT, RESPONSIBLE_UNITS, "责任单位{}"),
    ):
        for i in range(Org.objects.filter(parent=county, kind=kind).count(), wanted):
            services.create_unit(actor, county, kind, name.format(i + 1))
    return Org.objects.filter(
        parent=county, kind__in=[OrgKind.TOWNSHIP, *(OrgKind.TASK_FORCE, OrgKind.RESPONSIBLE_UNIT)]
    ).count()


def register(benchmark, timed) -> None:
    @benchmark("key_matters_month_county_ms")
    def key_matters_month(clients):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from lianxin.keymatters import demo
        from lianxin.keymatters.months import first_day, shift

        start = time.perf_counter()
        units = make_units()
        made = demo.load()
        print(f"  key matters: {units} units, {made} in {time.perf_counter() - start:.1f} s")
        client = clients["bench_county"]
        month = shift(first_day(timezone.localdate()), -1)

        def counted(path):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200 or "西虢镇" not in response.content.decode():
                raise SystemExit(f"key_matters_month_county_ms: {path} returned {response.status_code}")
            return len(queries)

        path = f"/keymatters/month/?month={month:%Y-%m}"
        busy, empty = counted(path), counted("/keymatters/month/?month=2000-01")
        if busy != empty:
            raise SystemExit(f"key_matters_month_county_ms: {busy} queries for a month of lists, {empty} for none")
        print(f"  key matters month view: {busy} queries")
        return timed(lambda: counted(path))


TARGETS = [
    ("key_matters_month_county_ms ≤ 100", lambda r: r["key_matters_month_county_ms"] <= 100),
]
