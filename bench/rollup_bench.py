"""Issue 15 figures: the per-county rollups behind the province pages (lianxin/orgs/rollups.py).

For each rollup: how long recounting every county of Henan takes (`*_rollups_refresh_ms`, the
nightly `refresh_rollups`), and a hand-written SQL floor for the numbers the province page shows
(`*_raw_ms`): the cities with their stored village counts, joined to the per-county rows summed
per city. The page's own figure (`board_province_ms`, `stats_province_ms`) is timed by the
planning and rating benches; the targets compare the two."""

PROVINCE = "41"

# The children of `parent` (one level down) with their stored village counts, joined to the
# per-county rows under `parent` summed per child.
FLOOR_SQL = """
SELECT c.code, c.short_name, c.grassroots, {sums}
FROM orgs_org c
LEFT JOIN {table} r ON r.county_code >= '{low}' AND r.county_code < '{high}' AND r.year IN ({years})
    AND SUBSTR(r.county_code, 1, {length}) = c.code
WHERE c.parent_id = (SELECT id FROM orgs_org WHERE code = '{parent}') AND c.kind = '{kind}'
GROUP BY c.id
ORDER BY c.code
"""


def child_kind(parent: str) -> str:
    return "city" if parent == PROVINCE else "county"


def floor_sql(rollup, years: list[int], parent: str = PROVINCE) -> str:
    from lianxin.core.scope import code_range

    low, high = code_range(parent)
    return FLOOR_SQL.format(
        sums=", ".join(f"SUM(r.{name})" for name in rollup.figures),
        table=rollup.model._meta.db_table,
        years=", ".join(str(int(y)) for y in years),
        low=low,
        high=high,
        length=len(parent) + 2,
        parent=parent,
        kind=child_kind(parent),
    )


def register_refresh(benchmark, timed, key: str, dotted: str) -> None:
    @benchmark(key)
    def refresh(clients):
        from django.utils import timezone

        from lianxin.core.plugins import load_object
        from lianxin.orgs.rollups import refresh_all

        return timed(lambda: refresh_all(load_object(dotted), timezone.localdate()), runs=3)


def register_floor(benchmark, timed, key: str, dotted: str, years: list[int] | int, parent: str = PROVINCE) -> None:
    """`years`: how many years back from this one (the battle map 0, the statistics 1), or the
    rollup's fixed years (the liaison board's standing row, [0])."""

    @benchmark(key)
    def floor(clients):
        from django.db import connection
        from django.utils import timezone

        from lianxin.core.plugins import load_object
        from lianxin.orgs.models import Org

        year = timezone.localdate().year
        chosen = years if isinstance(years, list) else [year - back for back in range(years + 1)]
        sql = floor_sql(load_object(dotted), chosen, parent)
        children = Org.objects.filter(parent__code=parent, kind=child_kind(parent)).count()

        def query():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                rows = cursor.fetchall()
            if len(rows) != children:
                raise SystemExit(f"{key}: expected the {children} units under {parent}, got {len(rows)}")

        return timed(query)


def near_floor(results: dict, page: str, floor: str) -> bool:
    return results[page] <= max(1.2 * results[floor], results[floor] + 3)


def near_floor_target(page: str) -> tuple:
    floor = page.replace("_ms", "_raw_ms")
    return (f"{page} ≤ 1.2 × {floor} or +3", lambda r: near_floor(r, page, floor))


TARGETS = [
    ("board_province_ms ≤ 15", lambda r: r["board_province_ms"] <= 15),
    ("stats_province_ms ≤ 15", lambda r: r["stats_province_ms"] <= 15),
    near_floor_target("board_province_ms"),
    near_floor_target("stats_province_ms"),
    ("liaison_board_city_ms ≤ 15", lambda r: r["liaison_board_city_ms"] <= 15),
    near_floor_target("liaison_board_city_ms"),
]
