"""日常考核 and 知识测试 figures for `make bench` (issue 11): every county of 焦作市 gets this
year's scheme and a village secretary per village (2,024 in all) scored for January and ranked
(generated in bulk: the figures time the pages and the grading, not the generation), then
times the ranking page for 孟州市 and for 焦作市, and grading tests through the service.
Each page's query count is taken at both sizes and must be the same (printed; the run stops
otherwise). Registered from run.py with `register(benchmark, timed)`; `python
bench/assessment_bench.py` runs only these figures on a database of 焦作市 alone."""

import random
import time
from decimal import Decimal

CITY, MENGZHOU = "4108", "410883"
GRADED = 300  # attempts graded for quiz_grade_per_s


def generate() -> int:
    """A scheme per county, a village secretary per village, January scored and ranked."""
    from django.utils import timezone

    from lianxin.assessment import services
    from lianxin.assessment.choices import PeriodKind, ScoreStatus, SubjectKind
    from lianxin.assessment.models import Score, Subject
    from lianxin.assessment.services.ranking import rank_period
    from lianxin.audit.services import Actor
    from lianxin.core.scope import prefix_q
    from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
    from lianxin.orgs.models import Org

    system, year, rng = Actor.system("bench"), timezone.localdate().year, random.Random(11)
    total = 0
    for county in Org.objects.filter(parent__code=CITY, kind=OrgKind.COUNTY).order_by("code"):
        scheme = services.create_scheme(system, county, year, name=f"{year}年日常考核")
        period = scheme.periods.get(kind=PeriodKind.MONTH, number=1)
        villages = Org.objects.filter(prefix_q(county.code), kind__in=GRASSROOTS_KINDS)
        subjects = Subject.objects.bulk_create(
            Subject(org=v, kind=SubjectKind.VILLAGE_SECRETARY, name=f"书记{v.code[-6:]}") for v in villages
        )
        Score.objects.bulk_create(
            Score(
                period=period,
                subject=s,
                org_id=s.org_id,
                kind=s.kind,
                status=ScoreStatus.LOCKED,
                total=Decimal(rng.randint(6000, 9999)) / 100,
            )
            for s in subjects
        )
        rank_period(period)
        total += len(subjects)
    return total


def _quiz_takers(n: int):
    """A monthly quiz of 孟州市 with a 60-question bank, started by n township users."""
    from datetime import timedelta

    from django.utils import timezone

    from lianxin.accounts.models import RoleAssignment, User
    from lianxin.accounts.roles import Role
    from lianxin.assessment import services
    from lianxin.assessment.questions import HEADER
    from lianxin.audit.services import Actor
    from lianxin.core.excel import workbook_bytes
    from lianxin.orgs.models import Org

    system, county = Actor.system("bench"), Org.objects.get(code=MENGZHOU)
    rows = [
        [
            "党章党规",
            "容易",
            ("单选题", "判断题", "多选题")[n % 3],
            f"第{n}题",
            *(["", "", "", "", ""] if n % 3 == 1 else ["甲", "乙", "丙", "丁", ""]),
            ("A", "对", "AC")[n % 3],
            "",
        ]
        for n in range(60)
    ]
    services.import_questions(system, county, workbook_bytes([("试题", HEADER, rows)]))
    now = timezone.now()
    quiz = services.create_quiz(
        system,
        county,
        title="月度答题",
        question_count=20,
        minutes=120,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=1),
        campaign=True,
    )
    township = Org.objects.get(code="410883105")
    users = User.objects.bulk_create(User(username=f"bench_taker{i}", name=f"答题{i}") for i in range(n))
    RoleAssignment.objects.bulk_create(RoleAssignment(user=u, role=Role.TOWNSHIP, org=township) for u in users)
    return [(Actor(user=u), services.start_attempt(Actor(user=u), quiz)) for u in users]


def register(benchmark, timed) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients_ref, counts = {}, {}

    def ranking(key, username, expect):
        path = "/assessment/ranking/?period_kind=month&number=1&kind=village"

        def get():
            with CaptureQueriesContext(connection) as queries:
                response = clients_ref["c"][username].get(path)
            if response.status_code != 200 or expect not in response.content.decode():
                raise SystemExit(f"{key}: {path} as {username} returned {response.status_code}")
            counts[key] = len(queries)

        return get

    @benchmark("assessment_generate_s")
    def generate_data(clients):
        start = time.perf_counter()
        made = generate()
        seconds = time.perf_counter() - start
        print(f"  assessment data: {made} village secretaries of 焦作市 scored and ranked, {seconds:.1f} s")
        return seconds, [seconds]

    @benchmark("assessment_ranking_county_ms")
    def ranking_county(clients):
        clients_ref["c"] = clients
        return timed(ranking("assessment_ranking_county_ms", "bench_county", "县内排名"))

    @benchmark("assessment_ranking_city_ms")
    def ranking_city(clients):
        clients_ref["c"] = clients
        result = timed(ranking("assessment_ranking_city_ms", "bench_city", "县内排名"))
        county, city = counts["assessment_ranking_county_ms"], counts["assessment_ranking_city_ms"]
        print(f"  assessment ranking queries: county {county}, city {city} (289 and 2,024 subjects)")
        if county != city:
            raise SystemExit(f"assessment ranking: {county} queries for the county, {city} for the city")
        return result

    @benchmark("quiz_grade_per_s")
    def grade(clients):
        from lianxin.assessment import services

        takers = _quiz_takers(GRADED)
        answers = [
            {row.position: row.question.answer for row in attempt.questions.select_related("question")}
            for _, attempt in takers
        ]
        queries = []

        def count(execute, sql, params, many, context):
            queries[-1] += 1
            return execute(sql, params, many, context)

        # Counted by a wrapper that only adds one: CaptureQueriesContext's debug cursor (which
        # formats and times every statement) cost 0.7 ms of a 6 ms grading on PostgreSQL.
        start = time.perf_counter()
        with connection.execute_wrapper(count):
            for (actor, attempt), given in zip(takers, answers, strict=True):
                queries.append(0)
                services.submit_attempt(actor, attempt, given)
        seconds = time.perf_counter() - start
        if len(set(queries)) != 1:
            raise SystemExit(f"quiz_grade_per_s: queries per grading vary: {sorted(set(queries))}")
        print(f"  quiz grading: {GRADED} attempts of 20 questions, {queries[0]} queries each, {seconds:.2f} s")
        rate = GRADED / seconds
        return rate, [rate]


TARGETS = [
    ("assessment_ranking_county_ms ≤ 100", lambda r: r["assessment_ranking_county_ms"] <= 100),
    ("assessment_ranking_city_ms ≤ 150", lambda r: r["assessment_ranking_city_ms"] <= 150),
    ("quiz_grade_per_s ≥ 200", lambda r: r["quiz_grade_per_s"] >= 200),
]


def main() -> None:
    """Only these figures, on a fresh database holding 焦作市 alone (about a minute)."""
    import io
    import json
    import os
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    import run

    run.configure()
    import django

    django.setup()
    from django.core.management import call_command

    run.prepare_database()
    call_command("import_divisions", run.HENAN, "--prefix", CITY, verbosity=0, stdout=io.StringIO())
    clients = run.login_clients({"bench_city": CITY, "bench_county": MENGZHOU})
    figures: list = []
    register(lambda key: lambda fn: figures.append((key, fn)) or fn, run.timed)
    results = {}
    for key, fn in figures:
        median, _samples = fn(clients)
        results[key] = round(median, 2)
    results["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    for description, test in TARGETS:
        print(f"  {'ok    ' if test(results) else 'MISSED'} {description}")
    run.cleanup()


if __name__ == "__main__":
    main()
