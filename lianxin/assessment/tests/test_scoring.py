"""The daily assessment through the services: schemes and their copy, who may score whom,
submit / return once / lock on close, auto-filled items, outcomes only on a locked year score."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lianxin.assessment import services
from lianxin.assessment.choices import AutoSource, Grade, PeriodKind, ScoreStatus, SubjectKind
from lianxin.assessment.models import ItemScore, Scheme
from lianxin.assessment.tests import factories as f
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.core import indicators

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


class TestSchemes:
    def test_a_new_scheme_has_every_dimension_weighted_and_its_periods(self):
        scheme = f.scheme()
        assert scheme.dimensions.count() == 4 * 5
        for kind in SubjectKind:
            assert sum(scheme.dimensions.filter(subject_kind=kind).values_list("weight", flat=True)) == 100
        assert scheme.periods.filter(kind=PeriodKind.MONTH).count() == 12
        assert scheme.periods.get(kind=PeriodKind.YEAR).end == date(scheme.year, 12, 31)
        assert scheme.periods.get(number=2, kind=PeriodKind.MONTH).end.day in (28, 29)
        auto = {i.auto_source for d in scheme.dimensions.filter(subject_kind="taskforce") for i in d.items.all()}
        assert auto == {AutoSource.KNOWLEDGE, AutoSource.MEETING, ""}

    def test_copied_from_last_year_with_its_items(self, users):
        old = f.scheme(f.YEAR - 1)
        services.set_weights(
            f.SYSTEM,
            old,
            SubjectKind.STAR_LEADER,
            {"basic": 40, "highlights": 10, "results": 30, "knowledge": 10, "other": 10},
        )
        new = services.copy_scheme(actor(users["office"]), f.org(f.MENGZHOU), f.YEAR)
        assert new.dimensions.get(subject_kind="star_leader", dimension="basic").weight == 40
        assert new.dimensions.filter(items__isnull=False).count() == old.dimensions.filter(items__isnull=False).count()
        assert new.periods.count() == 13
        assert AuditEvent.objects.filter(action="assessment.scheme.copy").exists()

    def test_nothing_to_copy_and_weights_must_add_up(self):
        with pytest.raises(ValidationError):
            services.copy_scheme(f.SYSTEM, f.org(f.BOAI), f.YEAR)
        with pytest.raises(ValidationError):
            services.set_weights(
                f.SYSTEM,
                f.scheme(),
                "village",
                {"basic": 50, "highlights": 10, "results": 30, "knowledge": 10, "other": 10},
            )

    def test_only_the_county_office_makes_a_scheme(self, users):
        with pytest.raises(PermissionDenied):
            services.create_scheme(actor(users["township"]), f.org(f.MENGZHOU), f.YEAR, name="x")
        with pytest.raises(ValidationError):
            services.create_scheme(f.SYSTEM, f.org(f.XIGUO), f.YEAR, name="x")

    def test_a_scheme_with_scores_cannot_change(self):
        f.score()
        with pytest.raises(ValidationError):
            services.add_item(f.SYSTEM, f.scheme().dimensions.first(), title="新增", max_points=Decimal(5))


class TestSubjects:
    def test_kind_must_fit_the_org_and_star_leaders_name_their_star(self):
        with pytest.raises(ValidationError):
            services.save_subject(f.SYSTEM, f.org(f.XIGUO), SubjectKind.VILLAGE_SECRETARY, name="x")
        with pytest.raises(ValidationError):
            services.save_subject(f.SYSTEM, f.org(f.XIGUO_VILLAGE), SubjectKind.STAR_LEADER, name="x")
        leader = f.subject(SubjectKind.STAR_LEADER, star="产业兴旺星", name="李红梅")
        again = f.subject(SubjectKind.STAR_LEADER, star="产业兴旺星", name="李红")
        assert leader.pk == again.pk and again.name == "李红"


class TestScoring:
    def test_township_scores_its_villages_not_its_own_secretary_nor_a_neighbours(self, users):
        township = actor(users["township"])
        score = f.score(f.subject(), actor=township)
        assert score.total == Decimal("90.00")  # everything but the knowledge test, no test taken
        assert score.items.filter(auto=True).count() == 1
        with pytest.raises(Http404):
            f.score(f.subject(SubjectKind.TOWNSHIP_SECRETARY, code=f.XIGUO), actor=township)
        with pytest.raises(Http404):
            f.score(f.subject(code=f.DADING_VILLAGE), actor=township)

    def test_office_scores_task_forces_and_points_are_bounded(self, users):
        office = actor(users["office"])
        force = f.subject(SubjectKind.TASK_FORCE, name="基层治理专班")
        period = f.period()
        entries = f.full_marks(period, force)
        pk = next(iter(entries))
        with pytest.raises(ValidationError):
            services.save_score(office, period, force, {pk: services.Entry(Decimal(11))})
        score = services.save_score(office, period, force, entries)
        assert ItemScore.objects.get(score=score, item_id=pk).evidence == "台账"

    def test_head_attendance_is_filled_from_the_meetings(self, users):
        force = f.subject(SubjectKind.TASK_FORCE)
        period = f.scheme().periods.get(kind=PeriodKind.YEAR)
        day = timezone.localdate()
        for attended in (True, False):
            services.record_meeting(f.SYSTEM, force.org, day=day, attendees="张三、李四", head_attended=attended)
        score = services.save_score(actor(users["office"]), period, force, {})
        meeting = score.items.get(item__auto_source=AutoSource.MEETING)
        assert meeting.auto and meeting.points == Decimal("5.0")
        with pytest.raises(ValidationError):
            services.record_meeting(f.SYSTEM, f.org(f.XIGUO), day=day, attendees="x", head_attended=True)
        with pytest.raises(ValidationError):
            services.record_meeting(f.SYSTEM, force.org, day=day + timedelta(days=1), attendees="x", head_attended=True)

    def test_auto_items_are_not_taken_from_the_scorer(self):
        subject, period = f.subject(), f.period()
        auto = period.scheme.dimensions.get(subject_kind=subject.kind, dimension="knowledge").items.get()
        with pytest.raises(ValidationError):
            services.save_score(f.SYSTEM, period, subject, {auto.pk: services.Entry(Decimal(10))})


class TestLifecycle:
    def test_submit_return_once_resubmit_and_lock_on_close(self, users):
        township, office = actor(users["township"]), actor(users["office"])
        score = f.score(actor=township)
        with pytest.raises(PermissionDenied):
            services.return_score(township, score, "x")
        with pytest.raises(ValidationError):
            services.return_score(office, score, "材料不全")  # not submitted yet
        services.submit_score(township, score)
        with pytest.raises(ValidationError):
            f.score(actor=township)  # submitted: no more changes
        with pytest.raises(ValidationError):
            services.return_score(office, score, " ")
        services.return_score(office, score, "佐证材料不全")
        score.refresh_from_db()
        assert score.status == ScoreStatus.RETURNED and score.return_reason == "佐证材料不全"
        f.score(actor=township, points=Decimal(8))
        services.submit_score(township, score)
        with pytest.raises(ValidationError):
            services.return_score(office, score, "再退")
        assert services.close_period(office, score.period) == 1
        score.refresh_from_db()
        assert score.status == ScoreStatus.LOCKED
        with pytest.raises(ValidationError):
            f.score(f.subject(name="新书记", code=f.XIGUO + "202"), actor=township)
        for verb in ("save", "submit", "return"):
            assert AuditEvent.objects.filter(action=f"assessment.score.{verb}").exists()

    def test_submit_needs_every_item(self):
        subject, period = f.subject(), f.period()
        entries = f.full_marks(period, subject)
        entries.pop(next(iter(entries)))
        score = services.save_score(f.SYSTEM, period, subject, entries)
        with pytest.raises(ValidationError):
            services.submit_score(f.SYSTEM, score)

    def test_outcome_only_on_a_locked_year_score(self, users):
        office = actor(users["office"])
        subject = f.subject()
        year = f.scheme().periods.get(kind=PeriodKind.YEAR)
        month = f.score(subject)
        services.close_period(office, month.period)
        month.refresh_from_db()
        with pytest.raises(ValidationError):
            services.set_outcome(office, month, award=True, promotion=False, grade=Grade.GOOD)
        score = services.save_score(office, year, subject, f.full_marks(year, subject))
        with pytest.raises(ValidationError):
            services.set_outcome(office, score, award=True, promotion=False, grade=Grade.GOOD)
        services.close_period(office, year)
        score.refresh_from_db()
        outcome = services.set_outcome(office, score, award=True, promotion=True, grade=Grade.EXCELLENT)
        assert outcome.grade == Grade.EXCELLENT and Scheme.objects.count() == 1


OBSERVATION = "rhythm.observation_score"


@pytest.fixture
def observed(monkeypatch):
    """The observation score registered as rhythm would: 85 for 西虢's village, nothing elsewhere;
    the calls made are kept."""
    calls = []

    def compute(codes, year):
        calls.append((list(codes), year))
        return {code: (85 if code == f.XIGUO_VILLAGE else None) for code in codes}

    found = indicators.Indicator(label="观摩评比得分", unit="分", compute=compute, records=lambda code, year: "/")
    monkeypatch.setattr(indicators, "registry", lambda: {OBSERVATION: found})
    return calls


def highlights(period):
    return period.scheme.dimensions.get(subject_kind=SubjectKind.VILLAGE_SECRETARY, dimension="highlights")


def observation_item(period):
    return services.add_item(
        f.SYSTEM, highlights(period), title="观摩评比得分", max_points=Decimal(20), indicator_code=OBSERVATION
    )


class TestItemsFromIndicators:
    def test_points_are_the_value_scaled_to_the_item_and_never_typed(self, observed):
        period = f.period()
        item = observation_item(period)
        assert item.auto_source == AutoSource.INDICATOR
        subject = f.subject()
        score = services.save_score(f.SYSTEM, period, subject, {})
        row = score.items.get(item=item)
        assert row.auto and row.points == Decimal("17.0")  # 85 of 100 → 17 of 20
        assert observed == [([f.XIGUO_VILLAGE], period.scheme.year)]
        with pytest.raises(ValidationError):
            services.save_score(f.SYSTEM, period, subject, {item.pk: services.Entry(Decimal(20))})
        copied = services.copy_scheme(f.SYSTEM, f.org(f.MENGZHOU), f.YEAR + 1)
        assert copied.dimensions.filter(items__indicator_code=OBSERVATION).count() == 1

    def test_nothing_measured_gives_no_points(self, observed):
        period = f.period()
        item = observation_item(period)
        score = services.save_score(f.SYSTEM, period, f.subject(code=f.DADING_VILLAGE), {})
        assert score.items.get(item=item).points == Decimal("0.0")

    def test_only_an_indicator_some_app_computes(self, observed):
        dimension = highlights(f.period())
        with pytest.raises(ValidationError, match="没有这个系统计算指标"):
            services.add_item(f.SYSTEM, dimension, title="x", max_points=Decimal(5), indicator_code="rhythm.nothing")
        assert not dimension.items.filter(title="x").exists()
