"""Guidance over the API, at the addresses it had in 党群连心."""

import pytest

from lianxin.guidance.tests import factories as f

pytestmark = pytest.mark.django_db


def test_finding_actions(login, users):
    finding = f.finding()
    assert (
        login(users["township"])
        .post(f"/api/v1/liaison/findings/{finding.pk}/rectify/", {"text": "已改"}, content_type="application/json")
        .status_code
        == 200
    )
    assert (
        login(users["office"]).post(f"/api/v1/liaison/findings/{finding.pk}/confirm/").json()["status"] == "confirmed"
    )


def test_lists_are_scoped(login, users):
    f.weak()
    f.weak(code=f.DADING_VILLAGE)
    f.assignment()
    client = login(users["township"])
    assert client.get("/api/v1/liaison/weak-branches/").json()["count"] == 1
    assert client.get("/api/v1/liaison/areas/").json()["results"][0]["cadre_name"] == "赵组工"
    assert client.get("/api/v1/liaison/findings/").json()["count"] == 0
