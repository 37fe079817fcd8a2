"""The county hands a matter to a responsible unit (责任单位), whose users see and close only the
matters handed to them; satisfaction is the household's answer in the township's return visit
(回访), not the closer's word."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from lianxin.accounts.roles import Role
from lianxin.audit.models import AuditEvent
from lianxin.conftest import make_user
from lianxin.liaison import services
from lianxin.liaison.choices import Level, MatterStatus, Satisfaction
from lianxin.liaison.models import Matter, VillageLiaison
from lianxin.liaison.tests import factories as f
from lianxin.liaison.tests.test_services import actor
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.services import create_unit

pytestmark = pytest.mark.django_db


def unit(code=f.MENGZHOU, name="市住房和城乡建设局"):
    return create_unit(f.SYSTEM, f.org(code), OrgKind.RESPONSIBLE_UNIT, name)


def county_matter(code=f.YINGXIU):
    m = f.matter(code=code)
    Matter.objects.filter(pk=m.pk).update(level=Level.COUNTY)
    m.refresh_from_db()
    return m


@pytest.fixture
def units(users):
    housing, farming, elsewhere = unit(), unit(name="市农业农村局"), unit(f.BOAI, "县住房和城乡建设局")
    return {
        "housing": housing,
        "housing_user": make_user("zjj", Role.UNIT, housing.code),
        "farming_user": make_user("nyj", Role.UNIT, farming.code),
        "elsewhere": elsewhere,
    }


class TestAssign:
    def test_the_county_hands_a_county_matter_to_its_own_unit(self, users, units):
        office = actor(users["office"])
        village_level = f.matter(code=f.YINGXIU)
        with pytest.raises(ValidationError, match="县级"):
            services.assign_matter(office, village_level, unit=units["housing"])
        m = county_matter()
        with pytest.raises(ValidationError, match="本县"):
            services.assign_matter(office, m, unit=units["elsewhere"])
        with pytest.raises(Http404):
            services.assign_matter(actor(users["office_boai"]), m, unit=units["elsewhere"])
        with pytest.raises(PermissionDenied):
            services.assign_matter(actor(users["neighbour"]), m, unit=units["housing"])
        services.assign_matter(office, m, unit=units["housing"], note="请一周内维修")
        m.refresh_from_db()
        assert m.unit == units["housing"] and m.steps.last().kind == "assign"
        assert "请一周内维修" in m.steps.last().note
        assert AuditEvent.objects.filter(action="liaison.matter.assign").count() == 1

    def test_only_the_unit_it_was_handed_to_sees_and_closes_it(self, users, units):
        m = county_matter()
        m = services.assign_matter(actor(users["office"]), m, unit=units["housing"])
        other = county_matter()  # not handed to anyone
        housing, farming = units["housing_user"], units["farming_user"]
        assert list(services.handed_matters(housing)) == [m]
        assert list(services.handed_matters(farming)) == []
        assert services.can_close(housing, m) and not services.can_close(farming, m)
        with pytest.raises(PermissionDenied):
            services.close_matter(actor(farming), m, resolution="x")
        with pytest.raises(PermissionDenied):
            services.close_matter(actor(housing), other, resolution="x")
        services.close_matter(actor(housing), m, resolution="已更换路灯")
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED

    def test_a_unit_sees_no_other_liaison_data(self, users, units, login):
        m = county_matter()
        services.assign_matter(actor(users["office"]), m, unit=units["housing"])
        client = login(units["housing_user"])
        handed = client.get(reverse("liaison:unit_matters")).content.decode()
        assert m.title in handed
        for name in ("liaison:matter_list", "liaison:visit_list", "liaison:consultation_list"):
            assert client.get(reverse(name)).status_code == 403
        url = reverse("liaison:unit_matter", args=[m.pk])
        assert url in handed and client.get(m.get_absolute_url()).status_code == 403
        page = client.get(url)
        assert page.status_code == 200 and "办结" in page.content.decode()
        assert login(units["farming_user"]).get(url).status_code == 404
        client.post(url, {"op": "close", "resolution": "已维修"})
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED

    def test_the_office_hands_it_over_on_the_page(self, users, units, login):
        m = county_matter()
        client = login(users["office"])
        assert "交办责任单位" in client.get(m.get_absolute_url()).content.decode()
        client.post(m.get_absolute_url(), {"op": "assign", "unit": units["housing"].pk, "note": ""})
        m.refresh_from_db()
        assert m.unit == units["housing"]


class TestReturnVisit:
    def closed(self, users):
        m = f.matter()
        services.close_matter(actor(users["township"]), m, resolution="修好了")
        m.refresh_from_db()
        return m

    def test_the_township_records_the_households_answer(self, users):
        m = f.matter()
        township = actor(users["township"])
        today = timezone.localdate()
        with pytest.raises(ValidationError, match="办结后"):
            services.record_return_visit(township, m, day=today, way="phone", satisfaction=Satisfaction.SATISFIED)
        services.close_matter(township, m, resolution="修好了")
        m.refresh_from_db()
        with pytest.raises(PermissionDenied):  # the county office closes, it does not grade
            services.record_return_visit(
                actor(users["office"]), m, day=today, way="phone", satisfaction=Satisfaction.SATISFIED
            )
        with pytest.raises(Http404):
            services.record_return_visit(
                actor(users["neighbour"]), m, day=today, way="phone", satisfaction=Satisfaction.SATISFIED
            )
        with pytest.raises(ValidationError, match="满意度"):
            services.record_return_visit(township, m, day=today, way="phone", satisfaction="")
        with pytest.raises(ValidationError, match="回访日期"):
            services.record_return_visit(
                township, m, day=today + timedelta(days=1), way="phone", satisfaction=Satisfaction.BASIC
            )
        assert services.can_return_visit(users["township"], m)
        services.record_return_visit(
            township, m, day=today, way="door", satisfaction=Satisfaction.UNSATISFIED, opinion="灯又坏了"
        )
        row = VillageLiaison.objects.get(code=f.XIGUO_VILLAGE)
        assert (row.satisfied, row.basic, row.unsatisfied) == (0, 0, 1)
        assert AuditEvent.objects.filter(action="liaison.return_visit.create").count() == 1
        m = Matter.objects.get(pk=m.pk)
        assert not services.can_return_visit(users["township"], m)
        with pytest.raises(ValidationError, match="已回访"):
            services.record_return_visit(township, m, day=today, way="phone", satisfaction=Satisfaction.SATISFIED)

    def test_the_page_offers_the_return_visit_to_the_township(self, users, login):
        m = self.closed(users)
        assert "回访群众" not in login(users["office"]).get(m.get_absolute_url()).content.decode()
        client = login(users["township"])
        assert "回访群众" in client.get(m.get_absolute_url()).content.decode()
        day = timezone.localdate().isoformat()
        client.post(m.get_absolute_url(), {"op": "return_visit", "day": day, "way": "phone", "satisfaction": "basic"})
        assert Matter.objects.get(pk=m.pk).return_visit.satisfaction == Satisfaction.BASIC
        assert VillageLiaison.objects.get(code=f.XIGUO_VILLAGE).basic == 1
