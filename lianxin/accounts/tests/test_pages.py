"""The account pages' contracts (lianxin/testing/pages.py): the 孟州市 system administrator in
scope, a 博爱县 user outside; the list grows by users, a user's page by their roles."""

import pytest
from django.urls import reverse

from lianxin.accounts import services
from lianxin.accounts.roles import Action, Role
from lianxin.audit.services import Actor
from lianxin.conftest import PASSWORD, XIGUO
from lianxin.orgs.models import Org
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def add_users(world, n):
    villages = Org.objects.filter(parent__code=XIGUO).order_by("code")
    for i, village in zip(fresh(world, n), villages, strict=False):
        services.create_user(SYSTEM, username=f"v{i}", password=PASSWORD, assignments=[(Role.VILLAGE, village)])


def add_roles(world, n):
    villages = Org.objects.filter(parent__code=XIGUO).order_by("code")
    for i in fresh(world, n):
        services.assign_role(SYSTEM, world["subject"], Role.VILLAGE, villages[i])


class TestPages(PageTests):
    @pytest.fixture
    def world(self, users):
        return {"subject": users["village"], "outsider": users["office_boai"]}

    cases = (
        Page(
            "user list",
            lambda w: reverse("accounts:user_list"),
            Action.USERS_VIEW,
            "sysadmin",
            export=True,
            grow=add_users,
        ),
        Page(
            "user detail",
            lambda w: reverse("accounts:user_detail", args=[w["subject"].pk]),
            Action.USERS_VIEW,
            "sysadmin",
            outside=lambda w: reverse("accounts:user_detail", args=[w["outsider"].pk]),
            grow=add_roles,
        ),
        # One's own API tokens: DRF keeps one token a user, so there is nothing to grow.
        Page("tokens", lambda w: reverse("accounts:tokens"), None, "township"),
    )
