"""The rules of 党群连心, exercised through the services: coverage, escalation with time limits,
satisfaction, the finding feedback loop, consultations, weak branches, scope and audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.liaison import services
from lianxin.liaison.choices import FindingStatus, Level, MatterStatus, Satisfaction, WeakStatus
from lianxin.liaison.models import HouseholdLink, Matter, VillageLiaison, VisitDay
from lianxin.liaison.tests import factories as f

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def events(action):
    return AuditEvent.objects.filter(action=action)


class TestCoverage:
    def test_links_raise_coverage_in_the_summary_row(self):
        m = f.member()
        households = [f.household(number=f"{i:03d}") for i in range(4)]
        services.link_household(f.SYSTEM, m, households[0])
        services.link_household(f.SYSTEM, m, households[1])
        row = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
        assert (row.households, row.linked_households, row.members) == (4, 2, 1)
        assert events("liaison.link.create").count() == 2

    def test_a_household_has_one_member_and_relinking_the_same_is_a_no_op(self):
        a, b = f.member(name="甲"), f.member(name="乙")
        h = f.household()
        services.link_household(f.SYSTEM, a, h)
        assert services.link_household(f.SYSTEM, a, h).member == a
        with pytest.raises(ValidationError, match="甲"):
            services.link_household(f.SYSTEM, b, h)
        assert HouseholdLink.objects.count() == 1

    def test_member_and_household_must_share_the_village(self):
        with pytest.raises(ValidationError):
            services.link_household(f.SYSTEM, f.member(code=f.DADING_VILLAGE), f.household())

    def test_unlink_lowers_coverage_and_is_audited(self):
        link = services.link_household(f.SYSTEM, f.member(), f.household())
        services.unlink_household(f.SYSTEM, link)
        assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).linked_households == 0
        assert events("liaison.link.delete").exists()


class TestVisits:
    def test_visit_counts_per_day_and_may_open_a_matter(self):
        h = f.household()
        v = f.visit(h, raised="路灯坏了三盏", make_matter=True)
        f.visit(h)
        assert VisitDay.objects.get(code=f.XIGUO_VILLAGE, date=timezone.localdate()).visits == 2
        matter = Matter.objects.get(visit=v)
        assert matter.level == Level.VILLAGE and matter.household == h
        assert matter.deadline == timezone.localdate() + timedelta(days=7)
        assert events("liaison.visit.create").count() == 2 and events("liaison.matter.report").count() == 1

    def test_visit_with_photo_keeps_a_thumbnail(self):
        v = services.log_visit(f.SYSTEM, f.household(), day=timezone.localdate(), way="door", photo=f.photo())
        stored = v.photos.get()
        assert stored.is_image and stored.thumbnail

    def test_future_date_and_empty_matter_are_refused(self):
        h = f.household()
        with pytest.raises(ValidationError):
            services.log_visit(f.SYSTEM, h, day=timezone.localdate() + timedelta(days=1), way="door")
        with pytest.raises(ValidationError):
            services.log_visit(f.SYSTEM, h, day=timezone.localdate(), way="door", make_matter=True)

    def test_member_logs_visits_only_in_their_village(self, users):
        inside = f.household(code=f.YINGXIU)
        services.log_visit(actor(users["member"]), inside, day=timezone.localdate(), way="phone")
        with pytest.raises(Http404):
            services.log_visit(actor(users["member"]), f.household(), day=timezone.localdate(), way="phone")
        with pytest.raises(PermissionDenied):
            services.create_household(actor(users["member"]), f.org(f.YINGXIU), number="9", head_name="x")


class TestEscalation:
    """村报告、乡处理、县办结: each level acts only at its own level, with its own time limit."""

    def test_village_to_township_to_county_with_time_limits(self, users):
        m = f.matter(code=f.YINGXIU)
        village, township, office = actor(users["village"]), actor(users["neighbour"]), actor(users["office"])
        services.escalate_matter(village, m, "需要镇里协调")
        m.refresh_from_db()
        assert m.level == Level.TOWNSHIP and m.deadline == timezone.localdate() + timedelta(days=15)
        with pytest.raises(PermissionDenied):
            services.close_matter(village, m, resolution="x", satisfaction=Satisfaction.SATISFIED)
        with pytest.raises(PermissionDenied):
            services.escalate_matter(village, m, "再上报")
        services.escalate_matter(township, m, "涉及县直部门")
        m.refresh_from_db()
        assert m.level == Level.COUNTY and m.deadline == timezone.localdate() + timedelta(days=30)
        with pytest.raises(PermissionDenied):
            services.close_matter(township, m, resolution="x", satisfaction=Satisfaction.SATISFIED)
        with pytest.raises(PermissionDenied):
            services.escalate_matter(office, m, "没有更高层级")
        with pytest.raises(ValidationError, match="最高"):
            services.escalate_matter(f.SYSTEM, m, "没有更高层级")
        services.close_matter(office, m, resolution="县住建局已维修", satisfaction=Satisfaction.BASIC)
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED and m.satisfaction == Satisfaction.BASIC
        assert [s.kind for s in m.steps.all()] == ["report", "escalate", "escalate", "close"]
        assert events("liaison.matter.escalate").count() == 2 and events("liaison.matter.close").count() == 1

    def test_overdue_marking(self):
        m = f.matter()
        assert not m.is_overdue
        assert m.is_overdue_on(m.deadline + timedelta(days=1))
        Matter.objects.filter(pk=m.pk).update(status=MatterStatus.CLOSED)
        m.refresh_from_db()
        assert not m.is_overdue_on(m.deadline + timedelta(days=1))

    def test_out_of_scope_township_gets_404(self, users):
        m = f.matter(code=f.YINGXIU)
        with pytest.raises(Http404):
            services.close_matter(actor(users["township"]), m, resolution="x", satisfaction=Satisfaction.SATISFIED)

    def test_closing_records_satisfaction_and_time_to_resolve(self, users):
        m = f.matter()
        Matter.objects.filter(pk=m.pk).update(reported_at=timezone.now() - timedelta(days=2))
        with pytest.raises(ValidationError):
            services.close_matter(actor(users["township"]), m, resolution="修好了", satisfaction="")
        services.close_matter(actor(users["township"]), m, resolution="修好了", satisfaction=Satisfaction.SATISFIED)
        row = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
        assert row.matters_closed == 1 and row.satisfied == 1 and 1.9 < row.close_days_total < 2.1
        with pytest.raises(ValidationError):
            services.close_matter(actor(users["township"]), m, resolution="again", satisfaction=Satisfaction.SATISFIED)


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
            assert events(f"liaison.finding.{verb}").exists()

    def test_neighbour_township_cannot_rectify(self, users):
        with pytest.raises(Http404):
            services.rectify_finding(actor(users["neighbour"]), f.finding(), "x")

    def test_overdue_until_confirmed(self):
        finding = f.finding()
        assert finding.is_overdue_on(finding.deadline + timedelta(days=1))

    def test_area_must_be_inside_the_cadres_county(self):
        boai_cadre = f.cadre(code=f.BOAI, name="博爱干部")
        with pytest.raises(ValidationError):
            services.assign_area(f.SYSTEM, boai_cadre, f.org(f.XIGUO), year=2024, category="township")
        with pytest.raises(ValidationError):
            services.assign_area(f.SYSTEM, f.cadre(), f.org(f.MENGZHOU), year=2024, category="township")


class TestConsultationsAndWeakBranches:
    def test_consultation_links_matters_and_follow_ups(self, users):
        m = f.matter()
        c = f.consultation(matters=[m])
        assert list(c.matters.all()) == [m]
        follow_up = c.follow_ups.get()
        services.complete_follow_up(actor(users["township"]), follow_up)
        follow_up.refresh_from_db()
        assert follow_up.done_on == timezone.localdate()
        with pytest.raises(ValidationError):
            f.consultation(code=f.DADING_VILLAGE, matters=[m])

    def test_delisting_is_audited_once(self, users):
        w = f.weak()
        with pytest.raises(PermissionDenied):
            services.delist_weak_branch(actor(users["township"]), w, note="x")
        services.delist_weak_branch(actor(users["office"]), w, note="班子调整到位，整顿达标")
        w.refresh_from_db()
        assert w.status == WeakStatus.DELISTED and w.delisted_on == timezone.localdate()
        with pytest.raises(ValidationError):
            services.delist_weak_branch(actor(users["office"]), w, note="again")
        assert events("liaison.weak_branch.delist").count() == 1
        with pytest.raises(ValidationError):
            f.weak()  # one listing per branch and year


def test_rebuild_summaries_matches_the_running_counts():
    m = f.member()
    h = f.household()
    services.link_household(f.SYSTEM, m, h)
    f.visit(h, day=timezone.localdate() - timedelta(days=3))
    before = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
    services.rebuild_summaries(f.XIGUO)
    after = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
    assert (after.households, after.linked_households, after.members) == (
        before.households,
        before.linked_households,
        before.members,
    )
    assert VisitDay.objects.get(code=f.XIGUO_VILLAGE).visits == 1


def test_personal_data_is_masked_in_the_audit_log():
    f.household(head_id_number="11010519491231002X")
    event = events("liaison.household.create").get()
    assert event.after["head_id_number"] == "110105********002X"
    assert event.after["phone"] == "138****8000"
    assert date  # keep the import for readers


def test_updates_keep_the_id_spelling_and_log_masked_before_and_after(users):
    h = f.household(head_id_number="11010519491231002X")
    services.update_household(actor(users["township"]), h, head_name="王建民", head_id_number="11010519491231002x")
    h.refresh_from_db()
    assert (h.head_name, h.head_id_number) == ("王建民", "11010519491231002X")
    event = events("liaison.household.update").get()
    assert (event.org_code, event.object_id) == (f.XIGUO_VILLAGE, str(h.pk))
    assert event.before["head_name"] == "王建国" and event.after["head_name"] == "王建民"
    assert event.before["head_id_number"] == event.after["head_id_number"] == "110105********002X"
    m = f.member()
    with pytest.raises(ValidationError):
        services.update_member(actor(users["township"]), m, mobile="123")
    assert not events("liaison.member.update").exists()
    services.update_member(actor(users["township"]), m, post="书记", unknown="ignored")
    m.refresh_from_db()
    assert m.post == "书记" and events("liaison.member.update").get().after["mobile"] == "139****9000"


def test_a_deleted_row_is_named_in_its_event(users):
    link = services.link_household(f.SYSTEM, f.member(), f.household())
    link_pk, link_text = link.pk, str(link)
    services.unlink_household(f.SYSTEM, link)
    event = events("liaison.link.delete").get()
    assert (event.object_type, event.object_repr, event.org_code) == (
        "liaison.householdlink",
        link_text,
        f.XIGUO_VILLAGE,
    )
    assert event.object_id == str(link_pk) and event.before == {
        "member": link.member_id,
        "household": link.household_id,
    }
    assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).linked_households == 0
    assignment = f.assignment()
    assignment_pk, assignment_text = assignment.pk, str(assignment)
    services.remove_assignment(f.SYSTEM, assignment)
    event = events("liaison.area.remove").get()
    assert (event.object_type, event.object_id, event.org_code) == (
        "liaison.areaassignment",
        str(assignment_pk),
        f.XIGUO_VILLAGE,
    )
    assert event.before == {
        "cadre": assignment.cadre_id,
        "org": assignment.org_id,
        "year": assignment.year,
        "category": assignment.category,
    }
    assert event.object_repr == assignment_text
