"""The org pages' contracts (lianxin/testing/pages.py): the 孟州市 office user in scope, 博爱县
outside; the pages grow by task forces, which the org page and the search list."""

import pytest
from django.urls import reverse

from lianxin.accounts.roles import Action
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.orgs.services import create_unit
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db


def add_task_forces(world, n):
    mengzhou = Org.objects.get(code=MENGZHOU)
    for i in fresh(world, n):
        create_unit(Actor.system("tests"), mengzhou, OrgKind.TASK_FORCE, f"测试工作专班{i}")


class TestPages(PageTests):
    cases = (
        # Home shows the child divisions, which no service adds: test_query_count_does_not_grow_with_data
        # (test_views.py) pins its queries over 孟州市 and 博爱县, trees of different sizes.
        Page("home", lambda w: reverse("home"), None, "office"),
        Page(
            "detail",
            lambda w: reverse("orgs:detail", args=[MENGZHOU]),
            Action.ORGS_VIEW,
            "office",
            outside=lambda w: reverse("orgs:detail", args=[BOAI]),
            export=True,
            grow=add_task_forces,
        ),
        Page(
            "search",
            lambda w: reverse("orgs:search") + "?q=专班",
            Action.ORGS_VIEW,
            "office",
            export=True,
            grow=add_task_forces,
        ),
    )
