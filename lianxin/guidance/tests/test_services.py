"""Cadres' areas and guidance, through the services: the finding feedback loop, areas inside
the cadre's county, a new cadre added with the assignment in one transaction, weak branches."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.guidance import services
from lianxin.guidance.choices import FindingStatus, WeakStatus
from lianxin.guidance.models import AreaAssignment
from lianxin.guidance.tests import factories as f
from lianxin.registers.models import Cadre

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def events(action):
    return AuditEvent.objects.filter(action=action)


class TestFindings:
    def test_feedback_loop_open_rectified_returned_confirmed(self, users):
        finding = f.finding()
        township, office = actor(users["township"]), actor(users["office"])
        with pytest.raises(PermissionDenied):
            services.confirm_finding(township, finding)
        with pytest.raises(ValidationError):
            services.confirm_finding(office, finding)  # not rectified yet
        services.rectify_finding(township, finding, "已补齐记录")
        services.return_finding(office, finding, "记录仍缺两次")
        finding.refresh_from_db()
        assert finding.status == FindingStatus.OPEN and finding.return_reason
        services.rectify_finding(township, finding, "全部补齐")
        services.confirm_finding(office, finding)
        finding.refresh_from_db()
        assert finding.status == FindingStatus.CONFIRMED and finding.confirmed_at
        assert not finding.is_overdue_on(finding.deadline + timedelta(days=5))
        for verb in ("open", "rectify", "return", "confirm"):
            assert events(f"guidance.finding.{verb}").exists()
        assert events("guidance.visit.create").count() == 1

    def test_neighbour_township_cannot_rectify(self, users):
        with pytest.raises(Http404):
            services.rectify_finding(actor(users["neighbour"]), f.finding(), "x")

    def test_overdue_until_confirmed(self):
        finding = f.finding()
        assert finding.is_overdue_on(finding.deadline + timedelta(days=1))

    def test_a_deadline_before_the_visit_is_refused(self):
        with pytest.raises(ValidationError):
            f.finding(deadline=timezone.localdate() - timedelta(days=1))


class TestAreas:
    def test_area_must_be_inside_the_cadres_county(self):
        boai_cadre = f.cadre(code=f.BOAI, name="博爱干部")
        with pytest.raises(ValidationError):
            services.assign_area(f.SYSTEM, boai_cadre, f.org(f.XIGUO), year=2024, category="township")
        with pytest.raises(ValidationError):
            services.assign_area(f.SYSTEM, f.cadre(), f.org(f.MENGZHOU), year=2024, category="township")

    def test_a_named_cadre_is_found_or_added_with_the_assignment(self, users):
        office = actor(users["office"])
        first = services.assign_area_to_named_cadre(
            office, f.org(f.XIGUO), name="钱组工", unit="市委组织部", year=2024, category="township"
        )
        second = services.assign_area_to_named_cadre(
            office, f.org(f.DADING), name="钱组工", year=2024, category="township"
        )
        assert first.cadre == second.cadre and first.cadre.org.code == f.MENGZHOU
        assert Cadre.objects.count() == 1 and events("registers.cadre.create").count() == 1
        assert events("guidance.area.assign").count() == 2

    def test_a_refused_assignment_leaves_no_new_cadre_behind(self, users):
        office = actor(users["office"])
        services.assign_area_to_named_cadre(office, f.org(f.XIGUO), name="钱组工", year=2024, category="township")
        with pytest.raises(ValidationError):  # the same cadre, area and year again
            services.assign_area(office, Cadre.objects.get(), f.org(f.XIGUO), year=2024, category="township")
        with pytest.raises(ValidationError):  # a new cadre for a bad area: neither is written
            services.assign_area_to_named_cadre(office, f.org(f.XIGUO), name="孙组工", year=2024, category="bogus")
        assert list(Cadre.objects.values_list("name", flat=True)) == ["钱组工"]
        assert events("registers.cadre.create").count() == 1

    def test_a_township_may_not_assign_cadres(self, users):
        with pytest.raises(PermissionDenied):
            services.assign_area_to_named_cadre(
                actor(users["township"]), f.org(f.XIGUO), name="钱组工", year=2024, category="township"
            )
        assert not Cadre.objects.exists()

    def test_a_removed_assignment_is_named_in_its_event(self):
        assignment = f.assignment()
        assignment_pk, assignment_text = assignment.pk, str(assignment)
        services.remove_assignment(f.SYSTEM, assignment)
        event = events("guidance.area.remove").get()
        assert (event.object_type, event.object_id, event.org_code) == (
            "guidance.areaassignment",
            str(assignment_pk),
            f.XIGUO_VILLAGE,
        )
        assert event.before == {
            "cadre": assignment.cadre_id,
            "org": assignment.org_id,
            "year": assignment.year,
            "category": assignment.category,
        }
        assert event.object_repr == assignment_text and not AreaAssignment.objects.exists()


def test_delisting_is_audited_once(users):
    w = f.weak()
    with pytest.raises(PermissionDenied):
        services.delist_weak_branch(actor(users["township"]), w, note="x")
    services.delist_weak_branch(actor(users["office"]), w, note="班子调整到位，整顿达标")
    w.refresh_from_db()
    assert w.status == WeakStatus.DELISTED and w.delisted_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.delist_weak_branch(actor(users["office"]), w, note="again")
    assert events("guidance.weak_branch.delist").count() == 1
    with pytest.raises(ValidationError):
        f.weak()  # one listing per branch and year
