"""The registers' pages: lists with masking and export, household and member pages with
editing through the services, linking and unlinking, unknown operations refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.models import AuditEvent
from lianxin.registers.tests import factories as f
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db


def xlsx_rows(response):
    return table_rows(response.content)


class TestLists:
    def test_household_list_masks_and_exports_masked(self, login, users):
        f.household(head_id_number="410883199001011230")
        f.household(code=f.DADING_VILLAGE, number="900", head_name="邻镇户")
        client = login(users["township"])
        body = client.get(reverse("registers:household_list")).content.decode()
        assert "王建国" in body and "邻镇户" not in body
        assert "410883********1230" in body and "410883199001011230" not in body
        assert "138****8000" in body and "13800138000" not in body
        rows = xlsx_rows(client.get(reverse("registers:household_list") + "?export=xlsx"))
        flat = " ".join(str(c) for r in rows for c in r)
        assert "138****8000" in flat and "13800138000" not in flat and "410883199001011230" not in flat

    def test_member_list_filters_under_35(self, login, users):
        f.member(name="青年", birth=timezone.localdate().replace(year=timezone.localdate().year - 25))
        f.member(name="老党员", birth=timezone.localdate().replace(year=timezone.localdate().year - 70))
        body = login(users["township"]).get(reverse("registers:member_list") + "?young=true").content.decode()
        assert "青年" in body and "老党员" not in body
        assert "139****9000" in body

    def test_the_pages_keep_their_addresses_and_the_section_tabs(self, login, users):
        assert reverse("registers:household_list") == "/liaison/households/"
        body = login(users["township"]).get("/liaison/members/").content.decode()
        tabs = body[body.index("liaison-tabs") : body.index("</nav>", body.index("liaison-tabs"))]
        for url in ("/liaison/", "/liaison/households/", "/liaison/visits/", "/liaison/findings/", "/liaison/weak/"):
            assert f'href="{url}"' in tabs
        assert 'active" href="/liaison/members/"' in tabs

    def test_empty_state_and_bad_filters_do_not_500(self, login, users):
        client = login(users["township"])
        for url in ("household_list", "member_list"):
            response = client.get(reverse(f"registers:{url}") + "?place=abc&q=zzz")
            assert response.status_code == 200, url
            assert "没有符合条件的记录" in response.content.decode()


class TestDetailPages:
    """Household and member pages: edit through the service, link and unlink, unknown ops."""

    def household_data(self, **changes):
        return {
            "op": "edit",
            "number": "001",
            "head_name": "王建国",
            "head_id_number": "",
            "size": 3,
            "group": "一组",
            "address": "",
            "phone": "13800138000",
            "tag_choices": [],
        } | changes

    def test_household_edit_saves_and_keeps_the_id_number(self, login, users):
        h = f.household(head_id_number="410883199001011230")
        client = login(users["township"])
        page = client.get(h.get_absolute_url())
        assert page.context["can"]["edit"] and page.context["forms"]["edit"].instance == h
        response = client.post(h.get_absolute_url(), self.household_data(head_name="王建民", size=4), follow=True)
        assert response.redirect_chain == [(h.get_absolute_url(), 302)]
        assert "已保存" in response.content.decode()
        h.refresh_from_db()
        assert (h.head_name, h.size, h.head_id_number) == ("王建民", 4, "410883199001011230")
        assert AuditEvent.objects.filter(action="registers.household.update", object_id=str(h.pk)).exists()

    def test_invalid_household_edit_shows_the_form_with_its_errors(self, login, users):
        h = f.household()
        response = login(users["township"]).post(h.get_absolute_url(), self.household_data(size="x", head_name="改"))
        assert response.status_code == 200
        assert response.context["forms"]["edit"].errors and response.context["object"].head_name == "王建国"
        h.refresh_from_db()
        assert h.head_name == "王建国"

    def test_a_broken_rule_on_edit_comes_back_on_the_form(self, login, users):
        f.household()
        h = f.household(number="002")
        response = login(users["township"]).post(h.get_absolute_url(), self.household_data(number="001"))
        assert response.status_code == 200
        assert "已保存" not in response.content.decode()
        assert response.context["forms"]["edit"].errors
        h.refresh_from_db()
        assert h.number == "002"

    def test_member_edit_link_and_unlink(self, login, users):
        m = f.member(id_number="410883199001011230")
        h = f.household()
        client = login(users["township"])
        data = {
            "op": "edit",
            "name": "李红",
            "gender": "F",
            "birth_date": "1990-05-01",
            "joined_on": "",
            "post": "党员",
        }
        response = client.post(m.get_absolute_url(), data | {"mobile": "13900139000", "id_number": ""}, follow=True)
        assert "已保存" in response.content.decode()
        m.refresh_from_db()
        assert (m.name, m.id_number) == ("李红", "410883199001011230")
        assert AuditEvent.objects.filter(action="registers.member.update").exists()
        bad = client.post(m.get_absolute_url(), data | {"mobile": "123"})
        assert bad.status_code == 200 and "mobile" in bad.context["forms"]["edit"].errors
        forged = client.post(m.get_absolute_url(), {"op": "link", "household": [h.pk, "x"]}, follow=True)
        assert [x.level_tag for x in forged.context["messages"]] == ["error"] and not m.links.exists()
        client.post(m.get_absolute_url(), {"op": "link", "household": [h.pk]})
        link = m.links.get()
        assert link.household == h
        client.post(m.get_absolute_url(), {"op": "unlink", "link": link.pk})
        assert not m.links.exists()

    def test_household_page_links_a_member(self, login, users):
        h, m = f.household(), f.member()
        response = login(users["township"]).post(h.get_absolute_url(), {"op": "link", "member": m.pk}, follow=True)
        assert "已联户" in response.content.decode() and h.links.get().member == m

    def test_without_the_edit_right_there_is_no_form_and_no_edit(self, login, users):
        h = f.household(code=f.YINGXIU)
        client = login(users["member"])
        page = client.get(h.get_absolute_url())
        assert page.context["can"]["edit"] is False and "edit" not in page.context["forms"]
        assert client.post(h.get_absolute_url(), self.household_data(head_name="改")).status_code == 403
        h.refresh_from_db()
        assert h.head_name == "王建国"

    def test_unknown_op_is_refused(self, login, users):
        client = login(users["township"])
        for url, op in ((f.household().get_absolute_url(), "bogus"), (f.member().get_absolute_url(), "")):
            response = client.post(url, {"op": op}, follow=True)
            assert response.redirect_chain == [(url, 302)]
            assert "无效的操作" in response.content.decode()
