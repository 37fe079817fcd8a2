"""PIPL for the people on the registers (security.md item 22): the full record only after a
confirmation with a reason, logged and never cached; one person's data exported on request,
audited and rate-limited; households that left anonymised after the retention period by an
idempotent, audited command. What liaison adds is tested in liaison/tests/test_privacy.py."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.registers import privacy, services
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.models import Household, HouseholdLink
from lianxin.registers.tests import factories as f
from lianxin.testing.xlsx import tables

pytestmark = pytest.mark.django_db

ID = "410883199001011230"
FULL = (ID, "13800138000")


def events(action):
    return AuditEvent.objects.filter(action=action)


def personal_url(obj) -> str:
    kind = "household" if isinstance(obj, Household) else "member"
    return reverse(f"registers:{kind}_personal", kwargs={"pk": obj.pk})


def sheets(response) -> dict[str, list[tuple]]:
    return tables(response.content)


def flat(rows) -> str:
    return " ".join(str(c) for r in rows for c in r if c is not None)


class TestFullRecord:
    def test_no_page_but_the_confirmed_one_shows_the_full_numbers(self, login, users):
        h = f.household(head_id_number=ID)
        for user in ("office", "township"):
            body = login(users[user]).get(h.get_absolute_url()).content.decode()
            assert ID not in body and "410883********1230" in body
        # The editor's form still holds the phone as stored: masking form values is the
        # declarative masking's (MaskedInitialMixin, core/personal.py on the `personal` branch).
        assert "13800138000" not in login(users["office"]).get(h.get_absolute_url()).content.decode()
        assert personal_url(h) in login(users["township"]).get(h.get_absolute_url()).content.decode()
        assert personal_url(h) not in login(users["office"]).get(h.get_absolute_url()).content.decode()
        form = login(users["township"]).get(personal_url(h))
        assert form.status_code == 200 and ID not in form.content.decode()

    def test_revealing_needs_a_reason_and_is_logged_and_never_cached(self, login, users):
        h = f.household(head_id_number=ID)
        client = login(users["township"])
        refused = client.post(personal_url(h), {"do": "reveal", "reason": "  "})
        assert ID not in refused.content.decode() and not events("registers.person.reveal").exists()
        response = client.post(personal_url(h), {"do": "reveal", "reason": "核对低保申报材料"})
        body = response.content.decode()
        assert all(value in body for value in FULL)
        assert "no-store" in response["Cache-Control"]
        event = events("registers.person.reveal").get()
        assert (event.username, event.object_type, event.object_id) == ("township", "registers.household", str(h.pk))
        assert event.after == {"reason": "核对低保申报材料", "fields": ["head_id_number", "phone"]}

    def test_a_member_s_full_record_shows_the_mobile(self, login, users):
        m = f.member(id_number=ID)
        body = login(users["township"]).post(personal_url(m), {"do": "reveal", "reason": "x"}).content.decode()
        assert ID in body and "13900139000" in body

    def test_only_editors_of_the_village_reach_it(self, login, users):
        h = f.household(head_id_number=ID)
        assert login(users["office"]).post(personal_url(h), {"reason": "x"}).status_code == 403
        for user in ("neighbour", "village"):
            assert login(users[user]).post(personal_url(h), {"reason": "x"}).status_code == 404
        assert not events("registers.person.reveal").exists()


class TestExport:
    def test_a_household_s_export_holds_its_record_links_and_history(self, login, users):
        h = f.household(head_id_number=ID, address="西虢村一组12号")
        services.link_household(f.SYSTEM, f.member(name="李红梅"), h)
        response = login(users["township"]).post(personal_url(h), {"do": "export", "reason": "本人书面申请"})
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        book = sheets(response)
        own = flat(book["登记信息"])
        assert all(v in own for v in ("王建国", ID, "13800138000", "西虢村一组12号", "已同意", "2024-03-01"))
        assert "李红梅" in flat(book["联户党员"])
        history = flat(book["处理记录"])
        assert "新增农户" in history and "登记身份证号同意" in history
        event = events("registers.person.export").get()
        assert event.username == "township" and event.after["reason"] == "本人书面申请"
        assert event.after["sheets"][:2] == ["登记信息", "联户党员"]

    def test_a_member_s_export_names_households_by_number_only(self, login, users):
        m = f.member(id_number=ID)
        services.link_household(f.SYSTEM, m, f.household(number="017", head_name="别人家"))
        book = sheets(login(users["township"]).post(personal_url(m), {"do": "export", "reason": "x"}))
        assert ID in flat(book["登记信息"]) and "13900139000" in flat(book["登记信息"])
        assert "017" in flat(book["联系农户"]) and "别人家" not in flat(book["联系农户"])

    def test_the_export_is_rate_limited_before_it_is_built_or_logged(self, login, users, settings):
        settings.LIANXIN_EXPORT_RATE = (1, 60)
        h = f.household()
        client = login(users["township"])
        assert client.post(personal_url(h), {"do": "export", "reason": "x"}).status_code == 200
        assert client.post(personal_url(h), {"do": "export", "reason": "x"}).status_code == 429
        assert events("registers.person.export").count() == 1

    def test_it_is_counted_once_with_the_other_exports(self, login, users, settings):
        settings.LIANXIN_EXPORT_RATE = (2, 60)
        h = f.household()
        client = login(users["township"])
        assert client.post(personal_url(h), {"do": "export", "reason": "x"}).status_code == 200
        assert client.get(reverse("registers:household_list") + "?export=xlsx").status_code == 200
        assert client.get(reverse("registers:household_list") + "?export=xlsx").status_code == 429


def departed(days_ago: int, number: str = "001", status=HouseholdStatus.MOVED, **extra) -> Household:
    h = f.household(number=number, head_id_number=ID, address="西虢村一组12号", **extra)
    return services.record_departure(f.SYSTEM, h, status, timezone.localdate() - timedelta(days=days_ago))


class TestDeparture:
    def test_leaving_and_coming_back_are_audited(self, login, users):
        h = f.household()
        client = login(users["township"])
        client.post(h.get_absolute_url(), {"op": "leave", "status": "closed", "left_on": "2024-01-02"})
        h.refresh_from_db()
        assert (h.status, str(h.left_on)) == (HouseholdStatus.CLOSED, "2024-01-02")
        assert events("registers.household.leave").get().after == {"status": "closed", "left_on": "2024-01-02"}
        client.post(h.get_absolute_url(), {"op": "return"})
        h.refresh_from_db()
        assert (h.status, h.left_on) == (HouseholdStatus.ACTIVE, None)
        assert events("registers.household.return").count() == 1

    def test_leaving_needs_a_departed_status_and_a_past_date(self):
        h = f.household()
        with pytest.raises(ValidationError):
            services.record_departure(f.SYSTEM, h, HouseholdStatus.ACTIVE, timezone.localdate())
        with pytest.raises(ValidationError):
            services.record_departure(f.SYSTEM, h, "moved", timezone.localdate() + timedelta(days=1))
        assert not Household.objects.get(pk=h.pk).has_left


class TestAnonymisation:
    def test_households_gone_longer_than_the_retention_period_are_anonymised(self):
        gone = departed(1096, "001")
        services.link_household(f.SYSTEM, f.member(), gone)
        recent = departed(30, "002")
        staying = f.household(number="003", head_id_number=ID)
        assert privacy.anonymise_departed(f.SYSTEM, 1095) == 1
        gone.refresh_from_db()
        assert gone.head_name == privacy.ANONYMOUS_NAME and gone.number == f"匿名{gone.pk}"
        assert (gone.head_id_number, gone.phone, gone.address, gone.group, gone.tags) == ("", "", "", "", "")
        assert (gone.consent_given, gone.consent_on, gone.consent_by) == (False, None, "")
        assert gone.anonymised_at is not None and gone.size == 3 and gone.has_left
        assert HouseholdLink.objects.filter(household=gone).exists()  # kept for the statistics
        for kept in (recent, staying):
            kept.refresh_from_db()
            assert kept.head_id_number == ID and kept.anonymised_at is None
        event = events("registers.household.anonymise").get()
        assert event.username == "<tests>" and event.after["anonymised"][:2] == ["number", "head_name"]
        assert "王建国" not in event.object_repr and ID not in str(event.after)

    def test_a_second_run_changes_nothing(self):
        departed(2000)
        assert privacy.anonymise_departed(f.SYSTEM, 1095) == 1
        before = list(Household.objects.values())
        assert privacy.anonymise_departed(f.SYSTEM, 1095) == 0
        assert list(Household.objects.values()) == before
        assert events("registers.household.anonymise").count() == 1

    def test_an_anonymised_household_can_no_longer_be_edited(self, login, users):
        h = departed(2000)
        privacy.anonymise_departed(f.SYSTEM, 1095)
        with pytest.raises(ValidationError, match="匿名化"):
            services.update_household(f.SYSTEM, h, head_name="王建国")
        with pytest.raises(ValidationError, match="匿名化"):
            services.cancel_departure(f.SYSTEM, h)
        page = login(users["township"]).get(h.get_absolute_url())
        assert "已匿名化" in page.content.decode() and "修改农户信息" not in page.content.decode()

    def test_the_command_reads_the_setting_and_prints_one_line(self, settings, capsys):
        departed(1096, "001")
        departed(400, "002")
        settings.LIANXIN_RETENTION_DAYS = 1095
        call_command("anonymise_departed")
        assert capsys.readouterr().out.strip() == "已匿名化 1 户迁出或注销满 1095 天的农户"
        assert events("registers.household.anonymise").get().username == "<anonymise_departed>"
        call_command("anonymise_departed", days=365)
        assert capsys.readouterr().out.strip() == "已匿名化 1 户迁出或注销满 365 天的农户"
        settings.LIANXIN_RETENTION_DAYS = 0
        call_command("anonymise_departed")
        assert "未启用" in capsys.readouterr().out
