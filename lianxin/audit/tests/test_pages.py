"""The audit pages' contracts (lianxin/testing/pages.py): the 孟州市 auditor in scope, an event
at 博爱县 outside; the log grows by events."""

import pytest
from django.urls import reverse

from lianxin.accounts.roles import Action
from lianxin.audit.services import Actor, record
from lianxin.conftest import BOAI, MENGZHOU
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db


def add_events(world, n):
    for i in fresh(world, n):
        record(Actor.system("tests"), "test.page.grow", object_repr=f"第{i}件", org_code=MENGZHOU, after={"n": i})


class TestPages(PageTests):
    @pytest.fixture
    def world(self, users):
        system = Actor.system("tests")
        return {
            "inside": record(system, "test.inside", org_code=MENGZHOU),
            "outside": record(system, "test.outside", org_code=BOAI),
        }

    cases = (
        Page(
            "event list",
            lambda w: reverse("audit:event_list"),
            Action.AUDIT_VIEW,
            "auditor",
            export=True,
            grow=add_events,
        ),
        Page(
            "event detail",
            lambda w: reverse("audit:event_detail", args=[w["inside"].seq]),
            Action.AUDIT_VIEW,
            "auditor",
            outside=lambda w: reverse("audit:event_detail", args=[w["outside"].seq]),
        ),
    )
