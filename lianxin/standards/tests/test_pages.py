"""The standards pages' contracts (lianxin/testing/pages.py): the 西虢镇 township user reads
孟州市's standards (its county's), not 博爱县's; the list grows by standards of other years, a
standard's page by key tasks with a work item each."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, MENGZHOU
from lianxin.orgs.models import Org
from lianxin.standards import services
from lianxin.standards.plugin import Action
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def criteria(title: str) -> dict:
    blank = dict.fromkeys(("criteria", "evidence", "indicator_unit", "indicator_comparison"), "")
    return {"title": title, **blank, "indicator_threshold": None, "weight": 1}


def add_standards(world, n):
    mengzhou = Org.objects.get(code=MENGZHOU)
    for i in fresh(world, n):
        services.create_standard(SYSTEM, mengzhou, world["year"] - i, f"孟州市{world['year'] - i}年创建标准")


def add_key_tasks(world, n):
    for i in fresh(world, n):
        task = services.save_key_task(
            SYSTEM, world["standard"], None, {"star": "branch", "number": i, **criteria(f"任务{i}")}
        )
        services.save_work_item(SYSTEM, task, None, {"code": f"{i}.1", **criteria(f"工作项{i}")})


class TestPages(PageTests):
    @pytest.fixture
    def world(self, users):
        year = timezone.localdate().year
        return {
            "year": year,
            "standard": services.create_standard(SYSTEM, Org.objects.get(code=MENGZHOU), year, "孟州市创建标准"),
            "outside": services.create_standard(SYSTEM, Org.objects.get(code=BOAI), year, "博爱县创建标准"),
        }

    cases = (
        Page(
            "list",
            lambda w: reverse("standards:list"),
            Action.STANDARDS_VIEW,
            "township",
            export=True,
            grow=add_standards,
        ),
        Page(
            "detail",
            lambda w: reverse("standards:detail", args=[w["standard"].pk]),
            Action.STANDARDS_VIEW,
            "township",
            outside=lambda w: reverse("standards:detail", args=[w["outside"].pk]),
            export=True,
            grow=add_key_tasks,
        ),
    )
