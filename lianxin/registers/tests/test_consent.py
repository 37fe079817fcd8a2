"""Consent to keeping an ID number (security.md item 22, PIPL art. 28–29): a number is stored
only with the person's consent recorded — by the services, the pages, the Excel import (naming
the column) and the API; recording and withdrawing consent are audited, withdrawing clears the
number; numbers kept from before consent was recorded stay, listed as 同意未登记."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.registers import importer, services
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.tests import factories as f
from lianxin.registers.tests.test_imports import message, post, report

pytestmark = pytest.mark.django_db

ID = "410883199001011230"
OTHER_ID = "11010519491231002X"


def actor(user):
    return Actor(user=user, ip="127.0.0.1")


def events(action):
    return AuditEvent.objects.filter(action=action)


def legacy(obj, number=ID):
    """A row as migration 0003 left it: an ID number stored before consent was recorded."""
    type(obj).objects.filter(pk=obj.pk).update(**{obj.id_field: number, "consent_given": False})
    obj.refresh_from_db()
    return obj


class TestServices:
    @pytest.mark.parametrize(
        ("create", "id_field"),
        [(services.create_household, "head_id_number"), (services.create_member, "id_number")],
    )
    def test_an_id_number_is_stored_only_with_consent(self, users, create, id_field):
        village = f.org(f.XIGUO_VILLAGE)
        fields = (
            {"number": "9", "head_name": "赵"}
            if create is services.create_household
            else {"name": "赵", "gender": "M", "birth_date": date(1980, 1, 1)}
        )
        with pytest.raises(ValidationError) as refused:
            create(actor(users["township"]), village, **fields, **{id_field: ID})
        assert "同意" in str(refused.value.message_dict[id_field])
        assert not Household.objects.exists() and not PartyMember.objects.exists()
        obj = create(actor(users["township"]), village, consent_on=date(2024, 5, 6), **fields, **{id_field: ID})
        assert (obj.consent_given, obj.consent_on, obj.consent_by) == (True, date(2024, 5, 6), "township")
        event = events("registers.consent.record").get()
        assert (event.username, event.object_id) == ("township", str(obj.pk))
        assert event.after == {"consent_given": True, "consent_on": "2024-05-06", "consent_by": "township"}

    def test_consent_cannot_be_dated_in_the_future(self):
        with pytest.raises(ValidationError, match="晚于今天"):
            f.household(head_id_number=ID, consent_on=timezone.localdate() + timedelta(days=1))

    def test_adding_a_number_later_needs_consent_recorded_first(self, users):
        h = f.household()
        with pytest.raises(ValidationError):
            services.update_household(actor(users["township"]), h, head_id_number=ID)
        services.record_consent(actor(users["township"]), h, date(2024, 6, 1))
        services.update_household(actor(users["township"]), h, head_id_number=ID)
        h.refresh_from_db()
        assert (h.head_id_number, h.consent_by) == (ID, "township")

    def test_a_number_kept_from_before_stays_editable_but_cannot_be_replaced(self, users):
        h = legacy(f.household())
        assert h.consent_missing
        services.update_household(actor(users["township"]), h, head_name="王建民", head_id_number=ID)
        h.refresh_from_db()
        assert (h.head_name, h.head_id_number) == ("王建民", ID)
        with pytest.raises(ValidationError):
            services.update_household(actor(users["township"]), h, head_id_number=OTHER_ID)

    def test_withdrawing_consent_clears_the_number_and_is_audited_masked(self, users):
        m = f.member(id_number=ID)
        services.withdraw_consent(actor(users["township"]), m)
        m.refresh_from_db()
        assert (m.id_number, m.consent_given, m.consent_on, m.consent_by) == ("", False, None, "")
        event = events("registers.consent.withdraw").get()
        assert event.before["id_number"] == "410883********1230" and event.after["id_number"] == ""
        assert event.before["consent_given"] is True and event.after["consent_given"] is False

    def test_a_number_without_consent_can_be_withdrawn_too(self):
        h = services.withdraw_consent(f.SYSTEM, legacy(f.household()))
        assert h.head_id_number == "" and not Household.objects.get(pk=h.pk).head_id_number
        with pytest.raises(ValidationError, match="无需撤回"):
            services.withdraw_consent(f.SYSTEM, h)

    def test_only_editors_of_the_village_record_consent(self, users):
        h = f.household()
        with pytest.raises(Http404):
            services.record_consent(actor(users["neighbour"]), h, date(2024, 1, 1))
        with pytest.raises(PermissionDenied):
            services.withdraw_consent(actor(users["office"]), h)
        assert not events("registers.consent.record").exists()


class TestPages:
    def household_data(self, **changes):
        data = {"village": f.org(f.XIGUO_VILLAGE).pk, "number": "007", "head_name": "钱七", "size": 2}
        return data | {"head_id_number": ID, "group": "", "address": "", "phone": ""} | changes

    def test_new_household_with_a_number_needs_the_consent_date(self, login, users):
        client = login(users["township"])
        url = reverse("registers:household_create")
        refused = client.post(url, self.household_data())
        assert refused.status_code == 200 and "须经本人同意" in refused.content.decode()
        assert not Household.objects.exists()
        client.post(url, self.household_data(consent_on="2024-05-06"))
        h = Household.objects.get()
        assert (h.head_id_number, h.consent_on, h.consent_by) == (ID, date(2024, 5, 6), "township")

    def test_consent_is_recorded_and_withdrawn_on_the_page(self, login, users):
        h = f.household()
        client = login(users["township"])
        page = client.get(h.get_absolute_url()).content.decode()
        assert "登记同意" in page and "撤回同意" not in page
        client.post(h.get_absolute_url(), {"op": "consent", "consent_on": "2024-07-08"})
        h.refresh_from_db()
        assert (h.consent_given, h.consent_on) == (True, date(2024, 7, 8))
        services.update_household(f.SYSTEM, h, head_id_number=ID)
        response = client.post(h.get_absolute_url(), {"op": "withdraw"}, follow=True)
        assert "身份证号已删除" in message(response)
        h.refresh_from_db()
        assert (h.head_id_number, h.consent_given) == ("", False)

    def test_a_bad_consent_date_is_a_message_not_a_500(self, login, users):
        m = f.member()
        response = login(users["township"]).post(
            m.get_absolute_url(), {"op": "consent", "consent_on": "x"}, follow=True
        )
        assert response.status_code == 200 and "身份证号同意日期" in message(response)
        assert not PartyMember.objects.get(pk=m.pk).consent_given

    def test_the_lists_find_numbers_kept_without_consent(self, login, users):
        legacy(f.household(number="001", head_name="旧户"))
        f.household(number="002", head_name="新户", head_id_number=OTHER_ID)
        f.household(number="003", head_name="无号户")
        client = login(users["township"])
        missing = client.get(reverse("registers:household_list") + "?consent=missing").content.decode()
        assert "旧户" in missing and "新户" not in missing and "无号户" not in missing
        assert "同意未登记" in missing
        given = client.get(reverse("registers:household_list") + "?consent=given").content.decode()
        assert "新户" in given and "旧户" not in given
        legacy(f.member(name="老党员"))
        assert "老党员" in client.get(reverse("registers:member_list") + "?consent=missing").content.decode()


class TestImport:
    def test_a_number_without_a_consent_date_is_refused_naming_the_columns(self, login, users):
        rows = [[f.XIGUO_VILLAGE, "001", "张三", ID, 3, "", "", "", "", ""]]
        errors = post(login(users["township"]), "household", importer.HOUSEHOLDS.header, rows).context["row_errors"]
        assert errors == ["第2行 户主身份证号: 登记身份证号须经本人同意，请在“身份证号同意日期”列填写本人同意的日期"]
        assert not Household.objects.exists()

    def test_the_consent_column_records_consent_by_the_importing_user(self, login, users):
        rows = [[f.XIGUO_VILLAGE, "张党员", "男", "1980-01-02", "", "", "", ID, "2024-02-03"]]
        post(login(users["township"]), "member", importer.MEMBERS.header, rows)
        m = PartyMember.objects.get()
        assert (m.id_number, m.consent_on, m.consent_by) == (ID, date(2024, 2, 3), "township")
        assert events("registers.member.import").get().after["consents"] == 1

    def test_an_empty_consent_cell_keeps_recorded_consent_and_kept_numbers(self, login, users):
        f.household(number="001", head_id_number=ID)
        legacy(f.household(number="002"), OTHER_ID)
        rows = [
            [f.XIGUO_VILLAGE, "001", "王建国", ID, 3, "一组", "", "13800138000", "低保户", ""],
            [f.XIGUO_VILLAGE, "002", "王建国", OTHER_ID, 3, "一组", "", "13800138000", "低保户", ""],
        ]
        response = post(login(users["township"]), "household", importer.HOUSEHOLDS.header, rows)
        assert "新增 0，更新 0，未变 2" in report(response)
        assert Household.objects.get(number="001").consent_on == f.CONSENT_DAY

    def test_a_consent_date_in_the_file_records_consent_for_a_kept_number(self, login, users):
        legacy(f.household(number="001"))
        rows = [[f.XIGUO_VILLAGE, "001", "王建国", ID, 3, "一组", "", "13800138000", "低保户", "2024-04-05"]]
        response = post(login(users["township"]), "household", importer.HOUSEHOLDS.header, rows)
        assert "更新 1" in report(response)
        h = Household.objects.get()
        assert (h.consent_given, h.consent_on, h.consent_by) == (True, date(2024, 4, 5), "township")


class TestApi:
    def test_an_id_number_needs_consent_on(self, login, users):
        client = login(users["township"])
        data = {"village": f.XIGUO_VILLAGE, "number": "7", "head_name": "赵", "head_id_number": ID}
        refused = client.post("/api/v1/liaison/households/", data, content_type="application/json")
        assert refused.status_code == 400 and "须经本人同意" in str(refused.json())
        assert not Household.objects.exists()
        data |= {"consent_on": "2024-05-06", "consent_given": False, "consent_by": "伪造"}
        created = client.post("/api/v1/liaison/households/", data, content_type="application/json")
        assert created.status_code == 201, created.content
        assert created.json()["consent_by"] == "township" and created.json()["consent_given"] is True
        assert "head_id_number" not in created.json()
