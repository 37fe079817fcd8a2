"""Rating pages say what is true (issue 10, point 5): approved stars only once a review approved
them, a warning (or a refusal) for stars without ledger evidence, a publicity form that ticks
nothing by itself, and the progress stars waiting for their award."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lianxin.audit.models import AuditEvent
from lianxin.rating import services, workdays
from lianxin.rating.choices import ApplicationKind, ApplicationStatus, Decision
from lianxin.rating.models import Application, VillageRating
from lianxin.rating.tests.helpers import actor, approve_all, pending, this_year

pytestmark = pytest.mark.django_db


def draft(users, world, stars=("branch", "industry"), kind=ApplicationKind.STARS):
    return services.create_application(
        actor(users["village"]), world["village"], this_year(), stars=list(stars), self_score=Decimal("90"), kind=kind
    )


def cite_ledger(users, plans, application, star):
    """Evidence for `star` from the village's own ledger (迎秀社区's plan is `other_plan`)."""
    from lianxin.planning import services as planning
    from lianxin.rating.tests.helpers import SYSTEM

    report = planning.add_report(SYSTEM, plans["other_measure"], date=workdays.today(), text="进展", progress=10)
    item = services.work_items_for(application, star).first()
    return services.add_evidence(actor(users["village"]), application, item, report=report)


class TestApprovedStars:
    def test_no_star_is_approved_before_its_review(self, users, world, login):
        application = services.submit_application(actor(users["village"]), draft(users, world), without_evidence=True)
        assert application.approved_stars == []
        page = login(users["village"]).get(application.get_absolute_url()).content.decode()
        assert "审核中，尚无星通过" in page
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        application.refresh_from_db()
        assert application.approved_stars == []  # the township's review approves no star
        branch, industry = pending(application).order_by("star")
        services.review(actor(world["tf"]["branch"]), branch, Decision.APPROVE)
        services.review(actor(world["tf"]["industry"]), industry, Decision.REJECT, comment="收入未达标")
        application.refresh_from_db()
        assert application.approved_stars == ["branch"]
        page = login(users["village"]).get(application.get_absolute_url()).content.decode()
        assert "审核中，尚无星通过" not in page and "支部过硬星" in page

    def test_a_chain_without_task_forces_approves_the_applied_stars_at_the_end(self, users, world):
        services.save_config(actor(users["office"]), world["county"], this_year(), chain=["township", "office"])
        application = services.submit_application(actor(users["village"]), draft(users, world), without_evidence=True)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        application.refresh_from_db()
        assert application.approved_stars == []
        services.review(actor(users["office"]), pending(application).get(), Decision.APPROVE)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.APPROVED
        assert application.approved_stars == ["branch", "industry"]

    def test_a_returned_application_holds_no_approved_star(self, users, world):
        application = services.submit_application(actor(users["village"]), draft(users, world), without_evidence=True)
        services.review(actor(users["neighbour"]), pending(application).get(), Decision.APPROVE)
        for step in pending(application):
            services.review(actor(world["tf"][step.star]), step, Decision.APPROVE)
        services.review(actor(users["office"]), pending(application).get(), Decision.RETURN, comment="补充材料")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.RETURNED and application.approved_stars == []


class TestEvidence:
    def test_stars_without_ledger_evidence_need_confirmation(self, users, world, plans):
        application = draft(users, world)
        with pytest.raises(ValidationError, match="产业兴旺星.*没有引用台账记录"):
            services.submit_application(actor(users["village"]), application)
        cite_ledger(users, plans, application, "branch")
        assert services.stars_without_evidence(application) == ["industry"]
        with pytest.raises(ValidationError, match="确认仍要提交"):
            services.submit_application(actor(users["village"]), application)
        application = services.submit_application(actor(users["village"]), application, without_evidence=True)
        assert application.status == ApplicationStatus.IN_REVIEW
        event = AuditEvent.objects.get(action="rating.application.submit")
        assert event.after["without_evidence"] == ["industry"]

    def test_a_note_is_not_ledger_evidence_and_full_evidence_needs_no_confirmation(self, users, world, plans):
        application = draft(users, world, stars=["branch"])
        item = services.work_items_for(application, "branch").first()
        services.add_evidence(actor(users["village"]), application, item, note="口头说明")
        assert services.stars_without_evidence(application) == ["branch"]
        cite_ledger(users, plans, application, "branch")
        assert services.submit_application(actor(users["village"]), application).status == ApplicationStatus.IN_REVIEW

    def test_a_county_requiring_evidence_refuses_even_when_confirmed(self, users, world, plans, login):
        services.save_config(actor(users["office"]), world["county"], this_year(), require_evidence=True)
        application = draft(users, world, stars=["branch"])
        with pytest.raises(ValidationError, match="本县要求"):
            services.submit_application(actor(users["village"]), application, without_evidence=True)
        page = login(users["village"]).get(application.get_absolute_url()).content.decode()
        assert 'data-testid="missing-evidence"' in page and "本县要求" in page
        cite_ledger(users, plans, application, "branch")
        assert services.submit_application(actor(users["village"]), application).status == ApplicationStatus.IN_REVIEW

    def test_the_page_warns_and_submits_only_once_confirmed(self, users, world, login):
        application = draft(users, world, stars=["branch"])
        client = login(users["village"])
        page = client.get(application.get_absolute_url()).content.decode()
        assert 'data-testid="missing-evidence"' in page and 'name="without_evidence"' in page
        client.post(application.get_absolute_url(), {"op": "submit"})
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT
        client.post(application.get_absolute_url(), {"op": "submit", "without_evidence": "1"})
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.IN_REVIEW

    def test_the_settings_page_sets_the_requirement(self, users, world, login):
        from lianxin.rating.models import RatingConfig

        url = reverse("rating:settings", args=[world["county"].code]) + f"?year={this_year()}"
        data = {
            "op": "config",
            "chain": "township,taskforce,office",
            "progress_chain": "township,taskforce",
            "step_days": "5",
            "publicity_days": "5",
            "award_amount": "50000",
            "require_evidence": "on",
        }
        assert login(users["office"]).post(url, data).status_code == 302
        assert RatingConfig.objects.get(org=world["county"], year=this_year()).require_evidence


def test_the_publicity_form_ticks_nothing(users, world, login):
    application = services.submit_application(actor(users["village"]), draft(users, world), without_evidence=True)
    approve_all(application, users["neighbour"], world["tf"], users["office"])
    page = login(users["office"]).get(reverse("rating:publicity_list")).content.decode()
    assert f'value="{application.pk}"' in page
    assert "checked" not in page


def test_the_award_page_lists_progress_stars_waiting_for_their_award(users, world, login):
    year = this_year()
    VillageRating.objects.create(org=world["village"], year=year - 1, level=1, branch=True)
    VillageRating.objects.create(org=world["village"], year=year, level=3, branch=True, industry=True, safety=True)
    client = login(users["office"])
    url = reverse("rating:award_list") + f"?year={year}"
    page = client.get(url).content.decode()
    assert 'data-testid="awaiting-award"' in page and "产业兴旺星、平安法治星" in page and "未申报" in page
    nomination = draft(users, world, stars=["industry"], kind=ApplicationKind.PROGRESS)
    page = client.get(url).content.decode()
    assert f'href="{nomination.get_absolute_url()}"' in page
    assert login(users["neighbour"]).get(url).status_code == 200  # 大定街道: 迎秀社区 is its own
    assert "产业兴旺星、平安法治星" not in login(users["township"]).get(url).content.decode()  # 西虢镇's scope
