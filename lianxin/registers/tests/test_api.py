"""The registers over the API, at the addresses they had in 党群连心: scope, masking, mass
assignment, links."""

import pytest

from lianxin.registers.models import Household, HouseholdLink
from lianxin.registers.tests import factories as f

pytestmark = pytest.mark.django_db


def test_lists_are_scoped_and_personal_data_masked(login, users):
    f.household(head_id_number="410883199001011230")
    f.household(code=f.DADING_VILLAGE, number="900")
    data = login(users["township"]).get("/api/v1/liaison/households/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["head_id_masked"] == "410883********1230" and row["phone_masked"] == "138****8000"
    assert "head_id_number" not in row and "phone" not in row


def test_create_household_ignores_org_and_checks_village_scope(login, users):
    client = login(users["township"])
    response = client.post(
        "/api/v1/liaison/households/",
        {"village": f.XIGUO_VILLAGE, "number": "7", "head_name": "赵", "org": f.DADING_VILLAGE, "size": 2},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Household.objects.get(number="7").org.code == f.XIGUO_VILLAGE
    bad = client.post(
        "/api/v1/liaison/households/",
        {"village": f.DADING_VILLAGE, "number": "8", "head_name": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_link_and_unlink_in_scope_only(login, users):
    h, m = f.household(), f.member()
    client = login(users["township"])
    response = client.post(
        "/api/v1/liaison/links/", {"member": m.pk, "household": h.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    outside = f.household(code=f.DADING_VILLAGE, number="900")
    refused = client.post(
        "/api/v1/liaison/links/", {"member": m.pk, "household": outside.pk}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert client.delete(f"/api/v1/liaison/links/{response.json()['id']}/").status_code == 204
    assert not HouseholdLink.objects.exists()


def test_members_and_cadres_read_masked(login, users):
    f.member(id_number="410883199001011230")
    f.cadre()
    row = login(users["township"]).get("/api/v1/liaison/members/").json()["results"][0]
    assert row["id_masked"] == "410883********1230" and row["mobile_masked"] == "139****9000"
    cadre = login(users["office"]).get("/api/v1/liaison/cadres/").json()["results"][0]
    assert cadre["mobile_masked"] == "137****7000" and "mobile" not in cadre
