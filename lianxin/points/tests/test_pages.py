"""The contracts (lianxin/testing/pages.py) of the rule book's and the categories' edit pages
and of the lists that link to them: the 西虢镇 township user edits its villages' rules, not
大定街道's; the 孟州市 office edits its county's categories, not 博爱县's; the lists keep their
query count as rules and categories grow (the edit links cost no query per row)."""

import pytest
from django.urls import reverse

from lianxin.points import rating_services, services
from lianxin.points.plugin import Action
from lianxin.points.tests import factories as f
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
MANAGE, CATEGORIES, V = Action.POINTS_MANAGE, Action.POINTS_CATEGORIES, Action.POINTS_VIEW


def add_rules(world, n):
    for i in fresh(world, n):
        services.add_rule(f.SYSTEM, f.org(f.XIGUO_VILLAGE), name=f"规则{i}", points=i)


def add_categories(world, n):
    for i in fresh(world, n):
        rating_services.add_category(f.SYSTEM, f.org("410883"), name=f"类别{i}", rank=2, criteria="标准")


def edit(name, key):
    return lambda w: reverse(name, kwargs={"pk": w[key].pk})


class TestPages(PageTests):
    @pytest.fixture
    def world(self):
        f.scheme()
        f.scheme(f.DADING_VILLAGE)
        add = rating_services.add_category
        return {
            "rule": f.rule(),
            "other_rule": f.rule(f.DADING_VILLAGE),
            "category": add(f.SYSTEM, f.org("410883"), name="示范户", rank=1, criteria="家风良好"),
            "other_category": add(f.SYSTEM, f.org("410822"), name="示范户", rank=1, criteria="家风良好"),
        }

    cases = (
        Page("rule list", lambda w: reverse("points:rule_list"), V, "township", export=True, grow=add_rules),
        Page("rule edit", edit("points:rule_edit", "rule"), MANAGE, "township", edit("points:rule_edit", "other_rule")),
        Page(
            "rule retire",
            edit("points:rule_retire", "rule"),
            MANAGE,
            "township",
            edit("points:rule_retire", "other_rule"),
        ),
        Page("category list", lambda w: reverse("points:category_list"), V, "office", export=True, grow=add_categories),
        Page(
            "category edit",
            edit("points:category_edit", "category"),
            CATEGORIES,
            "office",
            edit("points:category_edit", "other_category"),
        ),
    )
