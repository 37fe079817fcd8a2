"""Helpers of the base views."""

from types import SimpleNamespace

from django.test import RequestFactory

from lianxin.core.views import chosen_org

ORGS = [SimpleNamespace(code="410883105201"), SimpleNamespace(code="410883105202")]


def post(**data):
    return RequestFactory().post("/", data)


def test_chosen_org_is_the_posted_one_else_the_first():
    assert chosen_org(post(village="410883105202"), ORGS, "village") is ORGS[1]
    assert chosen_org(post(), ORGS, "village") is ORGS[0]
    assert chosen_org(post(org="410883105202"), ORGS, "village") is ORGS[0]


def test_a_code_outside_the_list_chooses_none():
    assert chosen_org(post(village="410883001002"), ORGS, "village") is None
    assert chosen_org(post(), [], "village") is None
