"""The rules of 党群连心, exercised through the services: coverage kept in the summary rows as
the registers change, visits, escalation with time limits, satisfaction, consultations."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.core.excel import workbook_bytes
from lianxin.liaison import services
from lianxin.liaison.choices import Level, MatterStatus
from lianxin.liaison.models import Matter, VillageLiaison, VisitDay
from lianxin.liaison.tests import factories as f
from lianxin.registers import services as registers
from lianxin.registers.importer import HOUSEHOLDS, import_households

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def events(action):
    return AuditEvent.objects.filter(action=action)


class TestCoverage:
    """The summary rows count the registers' households, members and links, kept current in the
    same transaction as each change (registers.signals.roll_changed)."""

    def test_links_raise_coverage_in_the_summary_row(self):
        m = f.member()
        households = [f.household(number=f"{i:03d}") for i in range(4)]
        registers.link_household(f.SYSTEM, m, households[0])
        registers.link_household(f.SYSTEM, m, households[1])
        row = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
        assert (row.households, row.linked_households, row.members) == (4, 2, 1)

    def test_unlink_lowers_coverage(self):
        link = registers.link_household(f.SYSTEM, f.member(), f.household())
        registers.unlink_household(f.SYSTEM, link)
        assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).linked_households == 0

    def test_an_import_counts_its_new_households(self):
        rows = [[f.XIGUO_VILLAGE, "001", "张三", "", 3, "", "", "", ""]]
        import_households(f.SYSTEM, workbook_bytes([("农户", HOUSEHOLDS.header, rows)]))
        assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).households == 1

    def test_a_refused_change_leaves_the_row_as_it_was(self):
        f.household()
        with pytest.raises(ValidationError):
            f.household()  # the same number again
        assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).households == 1


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
            services.report_matter(actor(users["member"]), f.org(f.YINGXIU), title="x", category="other")


class TestEscalation:
    """村报告、乡处理、县办结: each level acts only at its own level, with its own time limit."""

    def test_village_to_township_to_county_with_time_limits(self, users):
        m = f.matter(code=f.YINGXIU)
        village, township, office = actor(users["village"]), actor(users["neighbour"]), actor(users["office"])
        services.escalate_matter(village, m, "需要镇里协调")
        m.refresh_from_db()
        assert m.level == Level.TOWNSHIP and m.deadline == timezone.localdate() + timedelta(days=15)
        with pytest.raises(PermissionDenied):
            services.close_matter(village, m, resolution="x")
        with pytest.raises(PermissionDenied):
            services.escalate_matter(village, m, "再上报")
        services.escalate_matter(township, m, "涉及县直部门")
        m.refresh_from_db()
        assert m.level == Level.COUNTY and m.deadline == timezone.localdate() + timedelta(days=30)
        with pytest.raises(PermissionDenied):
            services.close_matter(township, m, resolution="x")
        with pytest.raises(PermissionDenied):
            services.escalate_matter(office, m, "没有更高层级")
        with pytest.raises(ValidationError, match="最高"):
            services.escalate_matter(f.SYSTEM, m, "没有更高层级")
        services.close_matter(office, m, resolution="县住建局已维修")
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED
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
            services.close_matter(actor(users["township"]), m, resolution="x")

    def test_closing_records_time_to_resolve_but_no_satisfaction(self, users):
        m = f.matter()
        Matter.objects.filter(pk=m.pk).update(reported_at=timezone.now() - timedelta(days=2))
        with pytest.raises(ValidationError):
            services.close_matter(actor(users["township"]), m, resolution=" ")
        services.close_matter(actor(users["township"]), m, resolution="修好了")
        row = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
        assert row.matters_closed == 1 and row.satisfied == 0 and 1.9 < row.close_days_total < 2.1
        with pytest.raises(ValidationError):
            services.close_matter(actor(users["township"]), m, resolution="again")


class TestConsultations:
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


def test_rebuild_summaries_matches_the_running_counts():
    m = f.member()
    h = f.household()
    registers.link_household(f.SYSTEM, m, h)
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
