"""The API: mass assignment, the matter workflow, logging a visit, the board, schema (with the
registers' and guidance's endpoints at the addresses they had in 党群连心)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lianxin.liaison.choices import Level, MatterStatus
from lianxin.liaison.models import Matter, Visit
from lianxin.liaison.tests import factories as f

pytestmark = pytest.mark.django_db


def test_visit_via_api_with_status_fields_ignored(login, users):
    h = f.household(code=f.YINGXIU)
    client = login(users["member"])
    response = client.post(
        "/api/v1/liaison/visits/",
        {
            "household": h.pk,
            "date": timezone.localdate().isoformat(),
            "way": "phone",
            "raised": "想了解医保政策",
            "category": "policy",
            "make_matter": True,
            "org": f.XIGUO_VILLAGE,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    visit = Visit.objects.get()
    assert visit.org.code == f.YINGXIU and visit.matter.status == MatterStatus.OPEN
    other = f.household()
    assert (
        client.post(
            "/api/v1/liaison/visits/", {"household": other.pk, "way": "door"}, content_type="application/json"
        ).status_code
        == 400
    )


def test_matter_workflow_and_status_not_writable(login, users):
    m = f.matter(code=f.YINGXIU)
    village = login(users["village"])
    assert (
        village.patch(
            f"/api/v1/liaison/matters/{m.pk}/", {"status": "closed"}, content_type="application/json"
        ).status_code
        == 405
    )
    r = village.post(
        f"/api/v1/liaison/matters/{m.pk}/escalate/", {"note": "村里解决不了"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["level"] == Level.TOWNSHIP
    assert (
        village.post(
            f"/api/v1/liaison/matters/{m.pk}/close/",
            {"resolution": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    r = login(users["neighbour"]).post(
        f"/api/v1/liaison/matters/{m.pk}/close/",
        {"resolution": "好了"},
        content_type="application/json",
    )
    assert r.status_code == 200 and Matter.objects.get().status == "closed"
    assert r.json()["satisfaction"] is None  # asked in the township's return visit, not at closing
    url = f"/api/v1/liaison/matters/{m.pk}/return-visit/"
    answer = {"date": timezone.localdate().isoformat(), "satisfaction": "basic"}
    assert login(users["office"]).post(url, answer, content_type="application/json").status_code == 403
    r = login(users["neighbour"]).post(url, answer, content_type="application/json")
    assert r.status_code == 200 and r.json()["satisfaction"] == "basic"
    assert login(users["neighbour"]).post(url, answer, content_type="application/json").status_code == 400
    assert login(users["township"]).get(f"/api/v1/liaison/matters/{m.pk}/").status_code == 404


def test_board_endpoint_and_schema(login, users):
    f.household()
    data = login(users["office"]).get(f"/api/v1/liaison/board/{f.MENGZHOU}/").json()
    assert data["total"]["households"] == 1 and len(data["rows"]) == 11
    assert login(users["township"]).get(f"/api/v1/liaison/board/{f.DADING}/").status_code == 404
    schema = login(users["township"]).get("/api/schema/").content
    for path in (
        b"/api/v1/liaison/visits/",
        b"/api/v1/liaison/matters/{id}/escalate/",
        b"/api/v1/liaison/board/{code}/",
        b"/api/v1/liaison/households/",
        b"/api/v1/liaison/findings/{id}/rectify/",
    ):
        assert path in schema


def test_a_visit_logged_through_the_api_asks_the_database_no_more_than_it_needs(login, users):
    """The login's reads (4), the household (1), the visit, its day and its county's rollup (3),
    the audit append (3, and PostgreSQL's lock on the chain) and the new visit's photos and
    matter for the answer (2). Not asked again: the household's village, which the service
    read; no savepoint around the insert of a visit without a phone's `client_id` (only a
    resend is answered rather than refused)."""
    households = [f.household(code=f.YINGXIU, number=f"00{n}") for n in (1, 2)]
    client = login(users["member"])
    body = {"date": timezone.localdate().isoformat(), "way": "door", "raised": "路灯不亮"}
    first = client.post("/api/v1/liaison/visits/", {**body, "household": households[0].pk}, "application/json")
    assert first.status_code == 201, first.content  # the first of the day also makes its rows
    with CaptureQueriesContext(connection) as captured:
        second = client.post("/api/v1/liaison/visits/", {**body, "household": households[1].pk}, "application/json")
    assert second.status_code == 201, second.content
    # The test's own transaction makes the service's a savepoint: one SAVEPOINT and its RELEASE.
    savepoints = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(savepoints) == 2 and not any('FROM "orgs_org"' in sql for sql in statements)
    assert len(statements) == (14 if connection.vendor == "postgresql" else 13)
