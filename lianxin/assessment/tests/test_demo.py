"""The 孟州市 demo: 310 subjects (10 task forces, 11 townships, 289 villages), last month ranked,
a running monthly quiz, a finished 思路 preliminary in every township; quick, and once only."""

import time

import pytest
from django.db.models import Count
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.assessment import demo
from lianxin.assessment.choices import ScoreStatus, Stage, SubjectKind
from lianxin.assessment.models import Entry, Quiz, Round, Score, Subject
from lianxin.assessment.tests import factories as f
from lianxin.conftest import make_user
from lianxin.orgs.demo import TASK_FORCES

pytestmark = pytest.mark.django_db


def test_demo_builds_mengzhou_once_and_quickly():
    for name in TASK_FORCES:
        f.task_force(f.MENGZHOU, name)
    for username, role, code in (
        ("mengzhou", Role.OFFICE, f.MENGZHOU),
        ("jiaozuo", Role.OFFICE, f.MENGZHOU),
        ("zhuanban", Role.OFFICE, f.MENGZHOU),
        ("xiguo", Role.TOWNSHIP, f.XIGUO),
    ):
        make_user(username, role, code)
    started = time.monotonic()
    report = demo.load()
    elapsed = time.monotonic() - started
    kinds = dict(Subject.objects.values_list("kind").annotate(n=Count("pk")))
    assert kinds == {SubjectKind.TASK_FORCE: 10, SubjectKind.TOWNSHIP_SECRETARY: 11, SubjectKind.VILLAGE_SECRETARY: 289}
    month = max(timezone.localdate().month - 1, 1)
    ranked = Score.objects.filter(period__number=month, period__kind="month", status=ScoreStatus.LOCKED)
    assert ranked.count() == 310 and not ranked.filter(county_rank__isnull=True).exists()
    assert Round.objects.filter(stage=Stage.PRELIMINARY, closed_at__isnull=False).count() == 11
    assert Entry.objects.filter(round__stage=Stage.FINAL).count() == report["final_entries"] == 22
    assert Quiz.objects.get(campaign=True).attempts.count() == 1
    assert demo.load() == {}
    assert elapsed < 60, f"the demo took {elapsed:.1f} s"
