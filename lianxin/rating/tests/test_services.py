"""The rating workflow through its services: chain, return, reject, parallel star reviews,
self-review, publicity objections, quotas, adjustments, progress stars, scope and audit."""

import io
from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.http import Http404
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.accounts.services import update_user
from lianxin.audit.models import AuditEvent
from lianxin.conftest import DADING, MENGZHOU, make_user
from lianxin.core.models import Notification
from lianxin.orgs.models import Org
from lianxin.orgs.rollups import check
from lianxin.rating import reminders, services, workdays
from lianxin.rating.choices import (
    ApplicationKind,
    ApplicationStatus,
    Decision,
    ObjectionStatus,
    QuotaKind,
    RatingStatus,
    StepKind,
    StepStatus,
)
from lianxin.rating.models import Application, CountyRatingRollup, ProgressAward, Quota, ReviewStep, VillageRating
from lianxin.rating.rollups import RATINGS, rating_aggregates, tally
from lianxin.rating.stats import rating_stats
from lianxin.rating.tests.helpers import (
    SYSTEM,
    XIGUO_VILLAGE,
    actor,
    after_publicity,
    approve_all,
    pending,
    this_year,
)
from lianxin.rating.workdays import add_working_days

pytestmark = pytest.mark.django_db


def apply(users, world, stars=("branch", "industry"), submit=True):
    application = services.create_application(
        actor(users["village"]),
        world["village"],
        this_year(),
        stars=list(stars),
        self_score=Decimal("92.5"),
        statement="支部班子团结，产业有起色",
    )
    return (
        services.submit_application(actor(users["village"]), application, without_evidence=True)
        if submit
        else application
    )


def events(application, prefix="rating."):
    return list(
        AuditEvent.objects.filter(
            object_type="rating.application", object_id=str(application.pk), action__startswith=prefix
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )


class TestWorkingDays:
    def test_weekends_are_skipped(self):
        friday = date(2024, 5, 10)
        assert add_working_days(friday, 5) == date(2024, 5, 16)
        assert add_working_days(date(2024, 5, 11), 1) == date(2024, 5, 13)  # Saturday starts on Monday
        assert add_working_days(date(2024, 5, 13), 5) == date(2024, 5, 17)


class TestChain:
    def test_full_chain_to_determination(self, users, world, plans, monkeypatch):
        application = apply(users, world)
        assert application.status == ApplicationStatus.IN_REVIEW and application.step_kind == StepKind.TOWNSHIP
        assert application.chain == ["township", "taskforce", "office"]
        township_step = pending(application).get()
        assert township_step.reviewer_org.code == world["village"].parent.code
        services.review(actor(users["neighbour"]), township_step, Decision.APPROVE, comment="同意上报")

        tf_steps = {s.star: s for s in pending(application)}
        assert set(tf_steps) == {"branch", "industry"}  # one review per star, in parallel
        assert tf_steps["branch"].reviewer_org == world["forces"]["branch"]
        item = services.work_items_for(application, "branch").first()
        services.review(actor(world["tf"]["branch"]), tf_steps["branch"], Decision.APPROVE, item_scores={item: 95})
        application.refresh_from_db()
        assert application.step_kind == StepKind.TASK_FORCE  # waits for the other star
        services.review(actor(world["tf"]["industry"]), tf_steps["industry"], Decision.APPROVE)
        application.refresh_from_db()
        assert application.step_kind == StepKind.OFFICE
        assert ReviewStep.objects.get(pk=tf_steps["branch"].pk).score == Decimal("95")

        services.review(actor(users["office"]), pending(application).get(), Decision.APPROVE)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.APPROVED

        publicity = services.start_publicity(actor(users["office"]), world["county"], this_year(), [application])
        application.refresh_from_db()
        assert application.status == ApplicationStatus.PUBLICITY
        assert publicity.working_days == 5 and publicity.end_date == add_working_days(publicity.start_date, 5)
        with pytest.raises(ValidationError, match="期满后"):
            services.determine(actor(users["office"]), application)

        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), application)
        rating = VillageRating.objects.get(org=world["village"], year=this_year())
        assert rating.level == 2 and rating.stars == ["branch", "industry"] and rating.status == RatingStatus.DETERMINED
        assert events(application) == [
            "rating.application.create",
            "rating.application.submit",
            "rating.review.approve",
            "rating.review.approve",
            "rating.review.approve",
            "rating.review.approve",
            "rating.application.publicise",
            "rating.application.determine",
        ]

    def test_return_and_resubmit(self, users, world):
        application = apply(users, world)
        with pytest.raises(ValidationError):
            services.review(actor(users["neighbour"]), pending(application).get(), Decision.RETURN)  # no reason
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.RETURN, comment="缺少台账佐证")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.RETURNED and application.return_reason == "缺少台账佐证"
        services.update_application(actor(users["village"]), application, stars=["branch"], statement="补充材料")
        application = services.submit_application(actor(users["village"]), application, without_evidence=True)
        assert application.round == 2 and application.status == ApplicationStatus.IN_REVIEW
        assert pending(application).get().round == 2

    def test_task_force_return_cancels_the_parallel_reviews(self, users, world):
        application = apply(users, world)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        step = pending(application, star="branch").get()
        services.review(actor(world["tf"]["branch"]), step, Decision.RETURN, comment="三会一课记录不全")
        assert ReviewStep.objects.get(application=application, star="industry").status == StepStatus.CANCELLED
        application.refresh_from_db()
        assert application.status == ApplicationStatus.RETURNED

    def test_reject_closes_it_and_a_new_application_may_follow(self, users, world):
        application = apply(users, world)
        with pytest.raises(ValidationError, match="未办结"):
            services.create_application(actor(users["village"]), world["village"], this_year(), stars=["branch"])
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.REJECT, comment="不符合条件")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.REJECTED and not pending(application).exists()
        apply(users, world, stars=["branch"], submit=False)

    def test_open_application_is_unique_in_the_database(self, users, world):
        apply(users, world, submit=False)
        with pytest.raises(IntegrityError):
            Application.objects.create(org=world["village"], year=this_year(), stars=["branch"])

    def test_task_force_rejecting_one_star_keeps_the_other(self, users, world):
        application = apply(users, world)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        services.review(
            actor(world["tf"]["industry"]),
            pending(application, star="industry").get(),
            Decision.REJECT,
            comment="集体经济收入未达标",
        )
        services.review(actor(world["tf"]["branch"]), pending(application, star="branch").get(), Decision.APPROVE)
        application.refresh_from_db()
        assert application.approved_stars == ["branch"] and application.step_kind == StepKind.OFFICE

    def test_all_stars_rejected_rejects_the_application(self, users, world):
        application = apply(users, world, stars=["branch"])
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        services.review(actor(world["tf"]["branch"]), pending(application).get(), Decision.REJECT, comment="不达标")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.REJECTED and application.reject_reason == "不达标"

    def test_a_decided_step_cannot_be_decided_again(self, users, world):
        application = apply(users, world)
        step = pending(application).get()
        services.review(actor(users["neighbour"]), step, Decision.APPROVE)
        with pytest.raises(ValidationError):
            services.review(actor(users["neighbour"]), step, Decision.REJECT, comment="x")

    def test_chain_is_configurable_per_county(self, users, world):
        services.save_config(actor(users["office"]), world["county"], this_year(), chain=["township", "office"])
        application = apply(users, world)
        assert application.chain == ["township", "office"]
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        assert pending(application).get().kind == StepKind.OFFICE
        with pytest.raises(ValidationError):
            services.save_config(actor(users["office"]), world["county"], this_year(), chain=["office", "office"])

    def test_window_is_enforced(self, users, world):
        today = workdays.today()
        services.save_config(
            actor(users["office"]),
            world["county"],
            this_year(),
            window_start=today + timedelta(days=3),
            window_end=today + timedelta(days=10),
        )
        with pytest.raises(ValidationError, match="尚未开始"):
            apply(users, world, submit=False)


class TestWhoMayReview:
    def test_out_of_scope_township_gets_404_and_wrong_roles_403(self, users, world):
        application = apply(users, world)
        step = pending(application).get()
        with pytest.raises(Http404):
            services.review(actor(users["township"]), step, Decision.APPROVE)  # 西虢镇 reviewing 大定街道
        for name in ("village", "member", "nobody", "auditor", "sysadmin"):
            with pytest.raises(PermissionDenied):
                services.review(actor(users[name]), step, Decision.APPROVE)
        assert pending(application).get().pk == step.pk

    def test_only_the_task_force_for_the_star(self, users, world):
        application = apply(users, world)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        with pytest.raises(PermissionDenied, match="负责该星"):
            services.review(actor(world["tf"]["ecology"]), pending(application, star="branch").get(), Decision.APPROVE)

    def test_nobody_reviews_an_application_from_their_own_org(self, users, world):
        application = apply(users, world)
        insider = make_user("insider", Role.TOWNSHIP, world["village"].parent.code)
        insider.role_assignments.create(role=Role.VILLAGE, org=world["village"])
        with pytest.raises(PermissionDenied, match="本人所在单位"):
            services.review(actor(insider), pending(application).get(), Decision.APPROVE)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        # a task-force member who is also a cadre of the village's township
        double = make_user("double", Role.TASK_FORCE, world["forces"]["branch"].code)
        double.role_assignments.create(role=Role.TOWNSHIP, org=world["village"].parent)
        step = pending(application, star="branch").get()
        assert not services.may_review(double, step)
        with pytest.raises(PermissionDenied, match="本人所在单位"):
            services.review(actor(double), step, Decision.APPROVE)
        assert services.may_review(world["tf"]["branch"], step)

    def test_village_of_another_township_cannot_apply_for_this_one(self, users, world):
        with pytest.raises(Http404):
            services.create_application(
                actor(users["village"]), Org.objects.get(code=XIGUO_VILLAGE), this_year(), stars=["branch"]
            )


@pytest.fixture
def publicised(users, world):
    application = approve_all(apply(users, world), users["neighbour"], world["tf"], users["office"])
    publicity = services.start_publicity(actor(users["office"]), world["county"], this_year(), [application])
    application.refresh_from_db()
    return application, publicity


class TestPublicity:
    def test_objection_blocks_determination_until_handled(self, users, world, publicised, monkeypatch):
        application, publicity = publicised
        objection = services.lodge_objection(SYSTEM, application, content="该村三会一课记录不实", contact="13800138000")
        assert objection.masked_contact == "138****8000"
        after_publicity(monkeypatch, publicity)
        with pytest.raises(ValidationError, match="异议"):
            services.determine(actor(users["office"]), application)
        with pytest.raises(ValidationError):
            services.handle_objection(actor(users["office"]), objection, handling="", upheld=False)
        services.handle_objection(
            actor(users["office"]), objection, handling="经核查，记录齐全，异议不成立", upheld=False
        )
        services.determine(actor(users["office"]), application)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DETERMINED

    def test_upheld_objection_rejects(self, users, world, publicised):
        application, _publicity = publicised
        objection = services.lodge_objection(SYSTEM, application, content="材料造假")
        services.handle_objection(actor(users["office"]), objection, handling="核实属实", upheld=True)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.REJECTED
        assert objection.__class__.objects.get(pk=objection.pk).status == ObjectionStatus.HANDLED

    def test_no_objection_outside_the_period(self, users, world, publicised, monkeypatch):
        application, publicity = publicised
        after_publicity(monkeypatch, publicity)
        with pytest.raises(ValidationError, match="公示期"):
            services.lodge_objection(SYSTEM, application, content="x")

    def test_publicity_cannot_be_backdated_or_hold_unapproved(self, users, world):
        application = apply(users, world)
        with pytest.raises(ValidationError):
            services.start_publicity(actor(users["office"]), world["county"], this_year(), [application])
        with pytest.raises(Http404):
            services.start_publicity(actor(users["office_boai"]), world["county"], this_year(), [application])

    def test_lower_and_revoke(self, users, world, publicised, monkeypatch):
        application, publicity = publicised
        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), application)
        rating = VillageRating.objects.get(org=world["village"], year=this_year())
        with pytest.raises(ValidationError):
            services.adjust_rating(actor(users["office"]), rating, stars=["branch"], reason="")
        with pytest.raises(Http404):
            services.adjust_rating(actor(users["office_boai"]), rating, stars=["branch"], reason="x")
        services.adjust_rating(actor(users["office"]), rating, stars=["branch"], reason="发生信访事件")
        rating.refresh_from_db()
        assert rating.level == 1 and rating.status == RatingStatus.LOWERED and rating.determined_level == 2
        services.adjust_rating(actor(users["office"]), rating, stars=[], reason="班子成员违纪")
        rating.refresh_from_db()
        assert rating.level == 0 and rating.status == RatingStatus.REVOKED
        assert AuditEvent.objects.filter(action="rating.result.revoke", object_id=str(rating.pk)).exists()

    def test_the_county_rollup_follows_each_result_and_feeds_the_province_statistics(
        self, users, world, publicised, monkeypatch
    ):
        application, publicity = publicised
        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), application)
        today = workdays.today()
        rollup = CountyRatingRollup.objects.get(county_code=MENGZHOU, year=this_year())
        assert (rollup.below, rollup.star_branch) == (1, 1)  # the village's two stars
        rating = VillageRating.objects.get(org=world["village"], year=this_year())
        services.adjust_rating(actor(users["office"]), rating, stars=[], reason="班子成员违纪")
        rollup.refresh_from_db()
        assert (rollup.below, rollup.star_branch) == (0, 0)
        assert check(RATINGS, this_year(), today) == []
        province_office = make_user("prov_office", Role.OFFICE, "41")
        rolled = rating_stats(province_office, Org.objects.get(code="41"), this_year())
        with mock.patch("lianxin.rating.stats.by_child", return_value=None):
            counted = rating_stats(province_office, Org.objects.get(code="41"), this_year())
        assert [vars(r) for r in rolled["rows"]] == [vars(r) for r in counted["rows"]]
        assert next(r for r in rolled["rows"] if r.code == "4108").branches > 0

    def test_a_result_moves_its_county_row_in_place_or_recounts_one_of_another_day(
        self, users, world, publicised, monkeypatch
    ):
        application, publicity = publicised
        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), application)
        rating = VillageRating.objects.get(org=world["village"], year=this_year())
        with mock.patch("lianxin.orgs.rollups.refresh") as recount:
            services.adjust_rating(actor(users["office"]), rating, stars=["branch"], reason="发生信访事件")
        assert recount.call_count == 0
        rollup = CountyRatingRollup.objects.get(county_code=MENGZHOU, year=this_year())
        assert (rollup.below, rollup.star_branch, rollup.star_industry) == (1, 1, 0)
        today = timezone.localdate()
        CountyRatingRollup.objects.filter(pk=rollup.pk).update(as_of=today - timedelta(days=1), below=7)
        services.adjust_rating(actor(users["office"]), rating, stars=[], reason="班子成员违纪")
        rollup.refresh_from_db()
        assert (rollup.as_of, rollup.below, rollup.star_branch) == (today, 0, 0)
        assert check(RATINGS, this_year(), today) == []

    def test_one_results_tally_is_what_the_recount_counts_for_it(self, users, world, publicised, monkeypatch):
        application, publicity = publicised
        after_publicity(monkeypatch, publicity)
        assert set(tally({}).values()) == {0}
        services.determine(actor(users["office"]), application)
        rating = VillageRating.objects.get(org=world["village"], year=this_year())
        for stars in (["branch"], []):
            counted = VillageRating.objects.filter(pk=rating.pk).order_by().aggregate(**rating_aggregates())
            assert tally(rating.stored) == counted and sum(counted.values()) > 0
            rating = services.adjust_rating(actor(users["office"]), rating, stars=stars, reason="发生信访事件")
        assert tally(rating.stored) == tally(VillageRating.objects.get(pk=rating.pk).stored)
        assert set(tally(rating.stored).values()) == {0}


class TestQuota:
    def test_quota_stops_determination(self, users, world, monkeypatch):
        county, year = world["county"], this_year()
        quota = services.set_quota(actor(users["office"]), county, year, kind=QuotaKind.LEVEL, level=1, limit=1)
        other = Org.objects.get(code="410883001001")
        other_user = make_user("v2", Role.VILLAGE, other.code)
        apps = []
        for user, village in ((users["village"], world["village"]), (other_user, other)):
            a = services.create_application(actor(user), village, year, stars=["branch"])
            services.submit_application(actor(user), a, without_evidence=True)
            apps.append(approve_all(a, users["neighbour"], world["tf"], users["office"]))
        publicity = services.start_publicity(actor(users["office"]), county, year, apps)
        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), apps[0])
        with pytest.raises(ValidationError, match="名额已满"):
            services.determine(actor(users["office"]), apps[1])
        quota.refresh_from_db()
        assert quota.used == 1
        with pytest.raises(ValidationError):
            services.set_quota(actor(users["office"]), county, year, kind=QuotaKind.LEVEL, level=1, limit=0)
        rating = VillageRating.objects.get(org=world["village"], year=year)
        services.adjust_rating(actor(users["office"]), rating, stars=[], reason="撤销")
        quota.refresh_from_db()
        assert quota.used == 0
        services.determine(actor(users["office"]), apps[1])
        assert Quota.objects.get(pk=quota.pk).used == 1


class TestProgressStar:
    def test_gained_star_is_nominated_and_awarded_within_the_star_quota(self, users, world, monkeypatch):
        county, year = world["county"], this_year()
        VillageRating.objects.create(org=world["village"], year=year - 1, level=1, branch=True)
        with pytest.raises(ValidationError, match="比上年提高"):
            services.create_application(
                actor(users["village"]), world["village"], year, stars=["industry"], kind=ApplicationKind.PROGRESS
            )
        VillageRating.objects.create(org=world["village"], year=year, level=2, branch=True, industry=True)
        with pytest.raises(ValidationError, match="新获得"):
            services.create_application(
                actor(users["village"]), world["village"], year, stars=["branch"], kind=ApplicationKind.PROGRESS
            )
        services.set_quota(actor(users["office"]), county, year, kind=QuotaKind.PROGRESS, star="industry", limit=3)
        nomination = services.create_application(
            actor(users["village"]), world["village"], year, stars=["industry"], kind=ApplicationKind.PROGRESS
        )
        nomination = services.submit_application(actor(users["village"]), nomination, without_evidence=True)
        assert nomination.chain == ["township", "taskforce"]  # 村申报—街道初审—专班审核
        services.review(actor(users["neighbour"]), pending(nomination).get(), Decision.APPROVE)
        services.review(actor(world["tf"]["industry"]), pending(nomination).get(), Decision.APPROVE)
        nomination.refresh_from_db()
        assert nomination.status == ApplicationStatus.APPROVED
        publicity = services.start_publicity(actor(users["office"]), county, year, [nomination])
        after_publicity(monkeypatch, publicity)
        services.determine(actor(users["office"]), nomination)
        award = ProgressAward.objects.get(org=world["village"], year=year)
        assert award.star == "industry" and award.amount == Decimal("50000") and award.paid_on is None
        assert Quota.objects.get(kind=QuotaKind.PROGRESS, star="industry", year=year, org=county).used == 1
        services.record_payment(actor(users["office"]), award, paid_on=workdays.today() - timedelta(days=30))
        award.refresh_from_db()
        assert award.paid_on is not None
        with pytest.raises(PermissionDenied):
            services.record_payment(actor(users["neighbour"]), award, paid_on=workdays.today())


class TestEvidenceAndReminders:
    def test_ledger_entries_of_the_village_only(self, users, world, plans):
        from lianxin.planning import services as planning

        application = apply(users, world, stars=["branch"], submit=False)
        item = services.work_items_for(application).first()
        other = planning.add_report(SYSTEM, plans["other_measure"], date=workdays.today(), text="进展", progress=10)
        # other_measure belongs to 大定街道 002 = 迎秀社区: the village's own ledger
        services.add_evidence(actor(users["village"]), application, item, report=other, note="见照片")
        mine = planning.add_report(SYSTEM, plans["measure"], date=workdays.today(), text="进展", progress=10)
        with pytest.raises(ValidationError, match="本村"):
            services.add_evidence(actor(users["village"]), application, item, report=mine)
        assert application.evidence.count() == 1

    def test_overdue_steps_are_reminded_once(self, users, world):
        application = apply(users, world)
        step = pending(application).get()
        later = step.deadline + timedelta(days=1)
        assert [s.pk for s in reminders.remind_overdue(later)] == [step.pk]
        assert reminders.remind_overdue(later) == []

    def test_overdue_steps_ring_the_reviewers_bell_once(self, users, world, login):
        """Each kind of step in turn: the township's active users, then each star's task force,
        then the office; nobody else (not the sysadmin or auditor at the county), and a re-run
        adds nothing."""
        make_user("dading_2", Role.TOWNSHIP, DADING)
        away = make_user("dading_away", Role.TOWNSHIP, DADING)
        update_user(SYSTEM, away, name=away.name, mobile=None, is_active=False)
        reviewers = {StepKind.TOWNSHIP: ["dading_2", "neighbour"], StepKind.OFFICE: ["office"]}
        application = apply(users, world)
        expected = {}
        for _kind in application.chain:
            steps = list(pending(application))
            pending(application).update(deadline=workdays.today() - timedelta(days=1))
            call_command("rating_reminders", stdout=io.StringIO())
            rung = Notification.objects.count()
            call_command("rating_reminders", stdout=io.StringIO())
            assert Notification.objects.count() == rung
            for step in steps:
                expected[f"rating.step.overdue:{step.pk}"] = reviewers.get(step.kind, [f"tf_{step.star}"])
                services.review(SYSTEM, step, Decision.APPROVE)
        assert len(expected) == 4  # the township, two stars' task forces, the office
        rung = {}
        for key, username in Notification.objects.values_list("key", "user__username"):
            rung.setdefault(key, []).append(username)
        assert {key: sorted(names) for key, names in rung.items()} == expected
        note = Notification.objects.get(user=users["office"])
        assert note.url == f"/rating/{application.pk}/"
        assert note.message.startswith("迎秀社区") and "创建办审定已超过办理时限" in note.message
        assert f'href="/rating/{application.pk}/"' in login(users["office"]).get("/notifications/").content.decode()

    def test_task_force_by_naming_convention_or_setting(self, users, world):
        county = world["county"]
        assert services.task_force_for(county, "branch").name == "支部过硬星工作专班"
        services.save_config(
            actor(users["office"]), county, this_year(), task_forces={"branch": world["forces"]["civility"].code}
        )
        config = services.config_for(county, this_year())
        assert services.task_force_for(county, "branch", config) == world["forces"]["civility"]


def test_config_needs_the_office_of_the_county(users, world):
    with pytest.raises(Http404):
        services.save_config(actor(users["office_boai"]), Org.objects.get(code=MENGZHOU), this_year(), publicity_days=7)
    with pytest.raises(PermissionDenied):
        services.save_config(actor(users["township"]), Org.objects.get(code=MENGZHOU), this_year(), publicity_days=7)
