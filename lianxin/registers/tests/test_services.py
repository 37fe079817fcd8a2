"""The registers' rules, exercised through the services: links, masking in the audit log,
updates, deletions named in their events, cadres found or added, and the signal the apps
built on the registers listen to."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.registers import services
from lianxin.registers.models import Cadre, HouseholdLink
from lianxin.registers.signals import roll_changed
from lianxin.registers.tests import factories as f

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def events(action):
    return AuditEvent.objects.filter(action=action)


class TestLinks:
    def test_a_household_has_one_member_and_relinking_the_same_is_a_no_op(self):
        a, b = f.member(name="甲"), f.member(name="乙")
        h = f.household()
        services.link_household(f.SYSTEM, a, h)
        assert services.link_household(f.SYSTEM, a, h).member == a
        with pytest.raises(ValidationError, match="甲"):
            services.link_household(f.SYSTEM, b, h)
        assert HouseholdLink.objects.count() == 1
        assert events("registers.link.create").count() == 1

    def test_member_and_household_must_share_the_village(self):
        with pytest.raises(ValidationError):
            services.link_household(f.SYSTEM, f.member(code=f.DADING_VILLAGE), f.household())

    def test_a_deleted_link_is_named_in_its_event(self):
        link = services.link_household(f.SYSTEM, f.member(), f.household())
        link_pk, link_text = link.pk, str(link)
        services.unlink_household(f.SYSTEM, link)
        event = events("registers.link.delete").get()
        assert (event.object_type, event.object_repr, event.org_code) == (
            "registers.householdlink",
            link_text,
            f.XIGUO_VILLAGE,
        )
        assert event.object_id == str(link_pk) and event.before == {
            "member": link.member_id,
            "household": link.household_id,
        }
        assert not HouseholdLink.objects.exists()


def test_the_apps_above_hear_when_a_villages_roll_changes():
    heard = []

    def listener(sender, village, **kwargs):
        heard.append((sender.__name__, village.code))

    roll_changed.connect(listener)
    try:
        h = f.household()
        f.member(code=f.DADING_VILLAGE)
        services.update_household(f.SYSTEM, h, head_name="王建民")  # the count is the same: nothing to hear
        link = services.link_household(f.SYSTEM, f.member(), h)
        services.unlink_household(f.SYSTEM, link)
    finally:
        roll_changed.disconnect(listener)
    assert heard == [
        ("Household", f.XIGUO_VILLAGE),
        ("PartyMember", f.DADING_VILLAGE),
        ("PartyMember", f.XIGUO_VILLAGE),
        ("HouseholdLink", f.XIGUO_VILLAGE),
        ("HouseholdLink", f.XIGUO_VILLAGE),
    ]


def test_a_member_may_not_edit_the_registers(users):
    with pytest.raises(PermissionDenied):
        services.create_household(actor(users["member"]), f.org(f.YINGXIU), number="9", head_name="x")
    with pytest.raises(Http404):
        services.create_household(actor(users["township"]), f.org(f.YINGXIU), number="9", head_name="x")


def test_personal_data_is_masked_in_the_audit_log():
    f.household(head_id_number="11010519491231002X")
    event = events("registers.household.create").get()
    assert event.after["head_id_number"] == "110105********002X"
    assert event.after["phone"] == "138****8000"


def test_updates_keep_the_id_spelling_and_log_masked_before_and_after(users):
    h = f.household(head_id_number="11010519491231002X")
    services.update_household(actor(users["township"]), h, head_name="王建民", head_id_number="11010519491231002x")
    h.refresh_from_db()
    assert (h.head_name, h.head_id_number) == ("王建民", "11010519491231002X")
    event = events("registers.household.update").get()
    assert (event.org_code, event.object_id) == (f.XIGUO_VILLAGE, str(h.pk))
    assert event.before["head_name"] == "王建国" and event.after["head_name"] == "王建民"
    assert event.before["head_id_number"] == event.after["head_id_number"] == "110105********002X"
    m = f.member()
    with pytest.raises(ValidationError):
        services.update_member(actor(users["township"]), m, mobile="123")
    assert not events("registers.member.update").exists()
    services.update_member(actor(users["township"]), m, post="书记", unknown="ignored")
    m.refresh_from_db()
    assert m.post == "书记" and events("registers.member.update").get().after["mobile"] == "139****9000"


def test_a_member_is_one_per_name_and_birthday_in_a_branch():
    f.member()
    with pytest.raises(ValidationError, match="同名同生日"):
        f.member()
    f.member(birth=date(1991, 5, 1))


class TestCadres:
    def test_a_cadre_belongs_to_a_county_or_above(self):
        with pytest.raises(ValidationError):
            f.cadre(code=f.XIGUO)

    def test_find_or_create_finds_the_county_cadre_by_name_and_adds_one_only_once(self, users):
        office = actor(users["office"])
        county = f.org(f.MENGZHOU)
        first = services.find_or_create_cadre(office, county, name=" 钱组工 ", unit="市委组织部")
        again = services.find_or_create_cadre(office, county, name="钱组工", unit="别的单位")
        assert first == again and (again.name, again.unit) == ("钱组工", "市委组织部")
        assert Cadre.objects.count() == 1 and events("registers.cadre.create").count() == 1

    def test_only_the_office_keeps_cadres(self, users):
        with pytest.raises(PermissionDenied):
            services.find_or_create_cadre(actor(users["township"]), f.org(f.MENGZHOU), name="钱组工")
        with pytest.raises(Http404):
            services.find_or_create_cadre(actor(users["office_boai"]), f.org(f.MENGZHOU), name="钱组工")
        assert not Cadre.objects.exists()
