"""Typed query parameters (core/api_query.py) and the errors the schema documents
(core/api_schema.py): a malformed filter or page is 400 with a Chinese message, a good one
still filters, an address no API route matches is a JSON 404, and every operation in
/api/schema/ lists the errors it can answer."""

import pytest

from lianxin.conftest import MENGZHOU

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/api/v1/plans/?year=x", "year", "输入整数。"),
        ("/api/v1/standards/?year=2024.5", "year", "输入整数。"),
        ("/api/v1/rating/results/?year=99999999999999999999", "year", "确保该值小于或等于9999。"),
        ("/api/v1/measures/?plan=null", "plan", "输入整数。"),
        ("/api/v1/progress-reports/?measure=-1", "measure", "确保该值大于或等于1。"),
        ("/api/v1/orgs/?page=[]", "page", "输入整数。"),
        ("/api/v1/orgs/?page=0", "page", "确保该值大于或等于1。"),
        ("/api/v1/orgs/?parent=abc", "parent", "代码只能由数字和大写字母组成，最长16位"),
        ("/api/v1/rating/steps/?pending=2", "pending", "确保该值小于或等于1。"),
        (f"/api/v1/board/{MENGZHOU}/?year=x", "year", "输入整数。"),
    ],
)
def test_a_malformed_parameter_is_400_in_chinese(login, users, plans, url, field, message):
    response = login(users["office"]).get(url)
    assert response.status_code == 400, response.content
    assert response.json() == {field: [message]}


def test_good_parameters_still_filter(login, users, plans):
    client = login(users["office"])
    year = plans["year"]
    assert client.get(f"/api/v1/plans/?year={year}").json()["count"] == 2
    assert client.get(f"/api/v1/plans/?year={year - 1}").json()["count"] == 0
    assert client.get("/api/v1/plans/?year=").json()["count"] == 2  # empty: no filter
    assert [m["id"] for m in client.get(f"/api/v1/measures/?plan={plans['plan'].pk}").json()["results"]] == [
        plans["measure"].pk
    ]
    children = client.get(f"/api/v1/orgs/?parent={MENGZHOU}").json()["results"]
    assert children and all(o["parent"] == MENGZHOU for o in children)
    assert client.get("/api/v1/orgs/?page=last").status_code == 200
    assert client.get("/api/v1/orgs/?page=999").status_code == 404  # past the end: DRF's answer


def test_filters_narrow_lists_not_single_objects(login, users, plans):
    plan = plans["plan"]
    assert login(users["township"]).get(f"/api/v1/plans/{plan.pk}/?year=1999").status_code == 200


def test_an_api_address_no_route_matches_is_a_json_404(login, users):
    client = login(users["township"])
    for url in ("/api/v1/plans/1.5/", "/api/v1/orgs/abc/", "/api/v1/nothing/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "未找到。"}, url
    assert "text/html" in client.get("/no/such/page/").headers["Content-Type"]


def test_form_bodies_are_refused_where_the_schema_says_json(login, users, plans):
    client = login(users["township"])
    response = client.post(f"/api/v1/plans/{plans['plan'].pk}/return/", {"reason": "x"})
    assert response.status_code == 415 and "detail" in response.json()


def test_every_operation_documents_its_errors(login, users):
    schema = login(users["township"]).get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "404", "429"} <= codes, f"{method} {path}"
            takes_query = any(p["in"] == "query" for p in operation.get("parameters", []))
            assert ("400" in codes) == (method != "get" or takes_query), f"{method} {path}"
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail"}


def test_read_only_choices_keep_their_blank(login, users):
    """A quota for a level has no star (""): the schema must allow it."""
    schema = login(users["township"]).get("/api/schema/?format=json").json()
    star = schema["components"]["schemas"]["Quota"]["properties"]["star"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in star["oneOf"]


def test_each_choice_set_keeps_its_own_values(login, users):
    """A matter's steps and a rating's review steps both have a `kind`, with different values:
    the schema names them apart, so a matter's "escalate" step is in its enum."""
    schemas = login(users["township"]).get("/api/schema/?format=json").json()["components"]["schemas"]
    kind = schemas["MatterStep"]["properties"]["kind"]["allOf"][0]["$ref"].rsplit("/", 1)[1]
    assert {"report", "escalate", "close"} <= set(schemas[kind]["enum"])
    assert schemas["ReviewStep"]["properties"]["kind"]["allOf"][0]["$ref"] != f"#/components/schemas/{kind}"


def test_nullable_relations_say_so(login, users):
    schemas = login(users["township"]).get("/api/schema/?format=json").json()["components"]["schemas"]
    assert schemas["Visit"]["properties"]["matter"]["nullable"]  # a visit that raised no matter
    assert schemas["Org"]["properties"]["parent"]["nullable"]  # the province has none
