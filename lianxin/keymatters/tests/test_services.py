"""The key-matters list's rules: 3–6 open matters a unit, only the unit's own people keep it,
done matters leave the list after their month and open ones carry over, the office reviews."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.keymatters import services
from lianxin.keymatters.choices import Grade, MatterStatus
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.months import on_list
from lianxin.keymatters.overview import county_month
from lianxin.keymatters.plugin import Action
from lianxin.keymatters.tests import factories as f
from lianxin.orgs.choices import OrgKind

pytestmark = pytest.mark.django_db


def test_a_seventh_open_matter_is_refused_in_chinese(users):
    township = Actor(users["township"])
    for i in range(6):
        services.add_matter(township, f.org(f.XIGUO), title=f"事项{i}", owner="李", deadline=date(2099, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.add_matter(township, f.org(f.XIGUO), title="第七项", owner="李", deadline=date(2099, 1, 1))
    assert "最多 6 项" in refused.value.messages[0]
    assert KeyMatter.objects.filter(org__code=f.XIGUO).count() == 6


def test_completing_one_makes_room(users):
    township = Actor(users["township"])
    first, *_ = f.matters(f.XIGUO, 6)
    services.complete_matter(township, first, "已完成")
    f.matter(f.XIGUO, "新事项")
    assert KeyMatter.objects.filter(org__code=f.XIGUO, status=MatterStatus.OPEN).count() == 6


def test_only_the_units_own_people_keep_its_list(users):
    force = f.unit()
    other_force = f.unit(name="督导考核工作专班")
    keeper = f.keeper("zb", Role.TASK_FORCE, force)
    made = services.add_matter(Actor(keeper), force, title="项目谋划", owner="王", deadline=date(2099, 1, 1))
    assert made.org == force
    with pytest.raises(PermissionDenied):
        services.add_matter(Actor(keeper), other_force, title="x", owner="王", deadline=date(2099, 1, 1))
    with pytest.raises(PermissionDenied):  # the county office reviews a task force's list, it does not keep it
        services.add_progress(Actor(users["office"]), made, "催办")
    with pytest.raises(Http404):  # another township is outside the township's scope
        services.add_matter(Actor(users["township"]), f.org(f.DADING), title="x", owner="王", deadline=date(2099, 1, 1))


def test_the_county_office_keeps_the_creation_office_list(users):
    office_unit = f.unit(OrgKind.CREATION_OFFICE, "孟州市五星支部创建办公室")
    made = services.add_matter(
        Actor(users["office"]),
        office_unit,
        title="迎秀社区五星支部创建突破",
        owner="主任",
        deadline=date(2099, 1, 1),
        villages=[f.org(f.YINGXIU)],
    )
    assert [v.code for v in made.villages.all()] == [f.YINGXIU]
    assert list(services.kept_units(users["office"])) == [office_unit]


def test_villages_must_be_in_the_units_jurisdiction(users):
    with pytest.raises(ValidationError):
        f.matter(f.XIGUO, villages=[f.YINGXIU])  # 迎秀社区 is in 大定街道, not 西虢镇


def test_a_village_has_no_list(users):
    with pytest.raises(ValidationError):
        f.matter(f.XIGUO_VILLAGE)


def test_done_matters_leave_the_list_after_their_month_and_open_ones_carry_over(users):
    october, november, december = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)
    done = f.matter(f.XIGUO, "已办", on=date(2026, 10, 5), days=60)
    carried = f.matter(f.XIGUO, "结转", on=date(2026, 10, 6), days=60)
    services.complete_matter(f.SYSTEM, done, "办结", on=date(2026, 11, 20))

    def titles(month):
        return sorted(KeyMatter.objects.filter(on_list(month), org__code=f.XIGUO).values_list("title", flat=True))

    assert titles(october) == titles(november) == ["已办", "结转"]
    assert titles(december) == ["结转"]
    assert carried.status == MatterStatus.OPEN
    assert KeyMatter.objects.filter(title="已办").exists()  # kept in history


def test_progress_and_completion_are_audited(users):
    township = Actor(users["township"])
    made = f.matter(f.XIGUO)
    services.add_progress(township, made, "已召开推进会")
    services.complete_matter(township, made, "已完成")
    with pytest.raises(ValidationError):
        services.add_progress(township, made, "再推进")
    actions = list(
        AuditEvent.objects.filter(object_id=str(made.pk), action__startswith="keymatters")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["keymatters.matter.add", "keymatters.matter.progress", "keymatters.matter.complete"]


def test_the_office_reviews_a_month_and_may_revise(users):
    office = Actor(users["office"])
    month = date(2026, 10, 1)
    services.review_list(office, f.org(f.XIGUO), month, grade=Grade.GOOD, comment="推进有力")
    review = services.review_list(office, f.org(f.XIGUO), month, grade=Grade.EXCELLENT, comment="成效明显")
    assert (review.grade, review.comment) == (Grade.EXCELLENT, "成效明显")
    with pytest.raises(PermissionDenied):
        services.review_list(Actor(users["township"]), f.org(f.XIGUO), month, grade=Grade.GOOD, comment="x")
    with pytest.raises(ValidationError):
        services.review_list(office, f.org(f.XIGUO_VILLAGE), month, grade=Grade.GOOD, comment="x")


def test_the_county_month_counts_open_overdue_and_done(users):
    today = timezone.localdate()
    month = today.replace(day=1)
    late = f.matter(f.XIGUO, "超期", on=month, days=0)
    f.matter(f.XIGUO, "在推", on=month, days=365)
    done = f.matter(f.XIGUO, "办结", on=month)
    services.complete_matter(f.SYSTEM, done, "完成", on=month)
    services.review_list(f.SYSTEM, f.org(f.XIGUO), month, grade=Grade.FAIR, comment="需加力")
    rows = {u.code: u for u in county_month(users["office"], Action.KEYMATTERS_VIEW, month, today + timedelta(days=1))}
    xiguo = rows[f.XIGUO]
    assert (xiguo.open_count, xiguo.overdue_count, xiguo.done_count, xiguo.grade) == (2, 1, 1, Grade.FAIR)
    assert rows[f.DADING].open_count == 0
    assert late.is_overdue_on(today + timedelta(days=1))
    assert f.XIGUO_VILLAGE not in rows  # villages keep no list


def test_the_demo_loads_once_with_the_seed_case_first(users):
    from lianxin.keymatters import demo
    from lianxin.orgs.demo import MENGZHOU_UNITS, TASK_FORCES

    f.unit(OrgKind.CREATION_OFFICE, "孟州市五星支部创建办公室")
    for name in TASK_FORCES[:2]:
        f.unit(OrgKind.TASK_FORCE, name)
    f.unit(OrgKind.RESPONSIBLE_UNIT, MENGZHOU_UNITS[0])
    assert demo.load()["key_matters"] > 0
    assert demo.load() is None
    office_list = KeyMatter.objects.filter(org__kind=OrgKind.CREATION_OFFICE).order_by("entered_on", "id")
    assert office_list.first().title == "迎秀社区五星支部创建突破"
    open_per_unit = KeyMatter.objects.filter(status=MatterStatus.OPEN).values("org").annotate(n=Count("pk"))
    assert 0 < max(row["n"] for row in open_per_unit) <= services.MAX_OPEN
