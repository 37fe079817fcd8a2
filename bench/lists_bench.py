"""The county's three lists for `make bench` (issue 12). Key matters: 孟州市 with all 59
key-matter keepers of the seed (11 townships, 10 task forces, 38 responsible units) and twelve
months of lists from the key-matters demo, then the month view of every unit's list for the last
full month, as the county office. Projects: the project demo plus four demands in every one of
孟州市's villages (written in bulk: bench data, not audited), then the totals page per township.
Each page's query count is checked to be the same with no data: it reads every unit's or
village's figures in one query, whatever their number. Registered from run.py with
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


def make_demands() -> int:
    from decimal import Decimal

    from lianxin.orgs.choices import GRASSROOTS_KINDS
    from lianxin.orgs.models import Org
    from lianxin.projects import demo
    from lianxin.projects.models import DemandProject
    from lianxin.standards.choices import Star

    demo.load()
    stars = list(Star)
    DemandProject.objects.bulk_create(
        DemandProject(
            org=village,
            year=2026 - i % 2,
            title=f"需求{i + 1}",
            star=stars[(village.pk + i) % len(stars)],
            amount_asked=Decimal(10 + 5 * i),
            funded=Decimal(5 * (i % 3)),
            spent=Decimal(i % 2),
        )
        for village in Org.objects.filter(parent__parent__code=MENGZHOU, kind__in=GRASSROOTS_KINDS)
        for i in range(4)
    )
    return DemandProject.objects.filter(org__code__gte=MENGZHOU, org__code__lt="410884").count()


def counted(client, key: str, path: str, expect: str) -> int:
    """GET `path` and return its number of queries; stop the bench if the page is wrong. The
    first GET only warms up: after minutes of data generation it also renews the client's
    session (lianxin/core/sessions.py), which is not the page's cost."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200 or expect not in response.content.decode():
        raise SystemExit(f"{key}: {path} returned {response.status_code}")
    return len(queries)


def same_queries(client, key: str, path: str, empty: str, expect: str) -> int:
    busy, none = counted(client, key, path, expect), counted(client, key, empty, "")
    if busy != none:
        raise SystemExit(f"{key}: {busy} queries with data, {none} without")
    print(f"  {key}: {busy} queries")
    return busy


def register(benchmark, timed) -> None:
    @benchmark("key_matters_month_county_ms")
    def key_matters_month(clients):
        from django.utils import timezone

        from lianxin.keymatters import demo
        from lianxin.keymatters.months import first_day, shift

        start = time.perf_counter()
        units = make_units()
        made = demo.load()
        print(f"  key matters: {units} units, {made} in {time.perf_counter() - start:.1f} s")
        client, key = clients["bench_county"], "key_matters_month_county_ms"
        path = f"/keymatters/month/?month={shift(first_day(timezone.localdate()), -1):%Y-%m}"
        same_queries(client, key, path, "/keymatters/month/?month=2000-01", "西虢镇")
        return timed(lambda: counted(client, key, path, "西虢镇"))

    @benchmark("project_totals_county_ms")
    def project_totals(clients):
        start = time.perf_counter()
        made = make_demands()
        print(f"  projects: {made} demands in {time.perf_counter() - start:.1f} s")
        client, key = clients["bench_county"], "project_totals_county_ms"
        path = "/projects/totals/?by=township"
        same_queries(client, key, path, "/projects/totals/?by=township&year=2000", "西虢镇")
        return timed(lambda: counted(client, key, path, "西虢镇"))


TARGETS = [
    ("key_matters_month_county_ms ≤ 100", lambda r: r["key_matters_month_county_ms"] <= 100),
    ("project_totals_county_ms ≤ 100", lambda r: r["project_totals_county_ms"] <= 100),
]
