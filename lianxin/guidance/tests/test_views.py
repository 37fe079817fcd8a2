"""Guidance pages: lists, the finding page (rectify, confirm), recording guidance with
findings, an assignment with a new cadre."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.guidance.choices import FindingStatus
from lianxin.guidance.models import AreaAssignment
from lianxin.guidance.tests import factories as f
from lianxin.registers.models import Cadre

pytestmark = pytest.mark.django_db


def test_lists_keep_their_addresses_and_survive_bad_filters(login, users):
    client = login(users["township"])
    for name, path in (("assignment_list", "areas"), ("finding_list", "findings"), ("weak_list", "weak")):
        assert reverse(f"guidance:{name}") == f"/liaison/{path}/"
        response = client.get(reverse(f"guidance:{name}") + "?place=abc&q=zzz")
        assert response.status_code == 200, name
        assert "没有符合条件的记录" in response.content.decode()


def test_township_rectifies_office_confirms(login, users):
    finding = f.finding()
    url = finding.get_absolute_url()
    login(users["township"]).post(url, {"op": "rectify", "text": "已整改"})
    login(users["office"]).post(url, {"op": "confirm"})
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CONFIRMED


def test_office_records_guidance_with_findings(login, users):
    cadre = f.cadre()
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = login(users["office"]).post(
        reverse("guidance:guidance_create"),
        {
            "cadre": cadre.pk,
            "area_code": f.XIGUO_VILLAGE,
            "day": timezone.localdate().isoformat(),
            "notes": "指导",
            "finding_1": "党员活动室未开放",
            "deadline_1": deadline,
            "finding_2": "",
            "deadline_2": "",
        },
    )
    assert response.status_code == 302
    assert cadre.guidance_visits.get().findings.count() == 1


class TestAssignmentForm:
    def data(self, **changes):
        return {
            "new_cadre": "钱组工",
            "new_cadre_unit": "市委组织部",
            "area_code": f.XIGUO,
            "year": 2024,
            "category": "township",
        } | changes

    def test_assignment_with_a_new_cadre(self, login, users):
        response = login(users["office"]).post(reverse("guidance:assignment_create"), self.data())
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="guidance.area.assign").exists()
        assert AreaAssignment.objects.get().cadre.name == "钱组工"

    def test_a_new_cadre_of_an_existing_name_is_that_cadre(self, login, users):
        cadre = f.cadre(name="钱组工")
        login(users["office"]).post(reverse("guidance:assignment_create"), self.data())
        assert list(Cadre.objects.all()) == [cadre] and AreaAssignment.objects.get().cadre == cadre

    def test_an_area_out_of_scope_adds_no_cadre(self, login, users):
        response = login(users["office"]).post(reverse("guidance:assignment_create"), self.data(area_code="410822"))
        assert response.status_code == 200 and "不是您范围内" in response.content.decode()
        assert not Cadre.objects.exists()
