"""N+1 concurrent determinations against a quota of N yield exactly N (security.md item 19).

PostgreSQL only: SQLite serialises every writing transaction (BEGIN IMMEDIATE), so threads
there cannot race at all. `transaction=True` is needed so that each thread's own connection
sees the committed set-up; pytest-django flushes the database afterwards, which also wipes
the session's division data — the `divisions_kept` fixture puts it back for the tests that follow.
"""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from lianxin.audit.services import Actor
from lianxin.conftest import DADING, MENGZHOU, make_user
from lianxin.orgs.models import Org
from lianxin.rating import services, workdays
from lianxin.rating.choices import ApplicationStatus, QuotaKind
from lianxin.rating.models import Application, Quota, VillageRating
from lianxin.rating.tests.helpers import star_task_forces

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("divisions_kept"),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serialises all writers, so threads cannot race there",
    ),
]

QUOTA = 5
SYSTEM = Actor.system("tests")


@pytest.mark.django_db(transaction=True)
def test_n_plus_one_concurrent_determinations_against_a_quota_of_n(monkeypatch):
    star_task_forces()
    office = make_user("race_office", "office", MENGZHOU)
    county = Org.objects.get(code=MENGZHOU)
    year = workdays.today().year
    services.set_quota(SYSTEM, county, year, kind=QuotaKind.LEVEL, level=1, limit=QUOTA)
    villages = list(Org.objects.filter(parent__code=DADING, kind__in=["village", "community"]).order_by("code"))
    apps = []
    for village in villages[: QUOTA + 1]:
        application = services.create_application(SYSTEM, village, year, stars=["branch"])
        application = services.submit_application(SYSTEM, application, without_evidence=True)
        for _ in application.chain:
            for step in application.steps.filter(status="pending"):
                services.review(SYSTEM, step, "approve")
            application.refresh_from_db()
        apps.append(application)
    publicity = services.start_publicity(SYSTEM, county, year, apps)
    later = publicity.end_date + timedelta(days=1)
    monkeypatch.setattr(workdays, "today", lambda: later)

    barrier = threading.Barrier(len(apps))
    outcomes, errors = [], []

    def determine(application):
        try:
            barrier.wait(timeout=30)
            services.determine(Actor(user=office, ip="127.0.0.1"), application)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append("full" if "名额已满" in " ".join(exc.messages) else str(exc))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=determine, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == ["full"] + ["ok"] * QUOTA
    assert Quota.objects.get(org=county, year=year, kind=QuotaKind.LEVEL, level=1).used == QUOTA
    assert VillageRating.objects.filter(org__in=villages, year=year).count() == QUOTA
    assert Application.objects.filter(pk__in=[a.pk for a in apps], status=ApplicationStatus.DETERMINED).count() == QUOTA
