"""Pages: lists with masking and export, the phone visit form, matters, findings, the board
with its constant query count and htmx polling, imports."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from lianxin.audit.models import AuditEvent
from lianxin.liaison import services
from lianxin.liaison.choices import FindingStatus, Level, MatterStatus
from lianxin.liaison.models import Household, Matter, PartyMember, Visit
from lianxin.liaison.tests import factories as f

pytestmark = pytest.mark.django_db


def xlsx_rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def xlsx_upload(header, rows, name="data.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


class TestLists:
    def test_household_list_masks_and_exports_masked(self, login, users):
        f.household(head_id_number="410883199001011230")
        f.household(code=f.DADING_VILLAGE, number="900", head_name="邻镇户")
        client = login(users["township"])
        body = client.get(reverse("liaison:household_list")).content.decode()
        assert "王建国" in body and "邻镇户" not in body
        assert "410883********1230" in body and "410883199001011230" not in body
        assert "138****8000" in body and "13800138000" not in body
        rows = xlsx_rows(client.get(reverse("liaison:household_list") + "?export=xlsx"))
        flat = " ".join(str(c) for r in rows for c in r)
        assert "138****8000" in flat and "13800138000" not in flat and "410883199001011230" not in flat

    def test_member_list_filters_under_35(self, login, users):
        f.member(name="青年", birth=timezone.localdate().replace(year=timezone.localdate().year - 25))
        f.member(name="老党员", birth=timezone.localdate().replace(year=timezone.localdate().year - 70))
        body = login(users["township"]).get(reverse("liaison:member_list") + "?young=true").content.decode()
        assert "青年" in body and "老党员" not in body
        assert "139****9000" in body

    def test_empty_state_and_bad_filters_do_not_500(self, login, users):
        client = login(users["township"])
        for url in (
            "household_list",
            "member_list",
            "visit_list",
            "matter_list",
            "assignment_list",
            "finding_list",
            "consultation_list",
            "weak_list",
        ):
            response = client.get(reverse(f"liaison:{url}") + "?place=abc&since=notadate&q=zzz")
            assert response.status_code == 200, url
            assert "没有符合条件的记录" in response.content.decode()


class TestVisitForm:
    def test_member_logs_a_visit_with_photo_in_one_post(self, login, users):
        h = f.household(code=f.YINGXIU)
        m = f.member(code=f.YINGXIU)
        PartyMember.objects.filter(pk=m.pk).update(user=users["member"])
        services.link_household(f.SYSTEM, m, h)
        client = login(users["member"])
        page = client.get(reverse("liaison:visit_create")).content.decode()
        assert "★ " in page and 'capture="environment"' in page
        response = client.post(
            reverse("liaison:visit_create"),
            {
                "village": f.YINGXIU,
                "household": h.pk,
                "way": "door",
                "day": timezone.localdate().isoformat(),
                "raised": "屋顶漏雨",
                "category": "livelihood",
                "make_matter": "on",
                "photo": f.photo(),
            },
        )
        assert response.status_code == 302
        visit = Visit.objects.get(household=h)
        assert visit.member == m and visit.photos.count() == 1 and visit.matter.level == Level.VILLAGE
        thumb = client.get(reverse("liaison:photo", kwargs={"pk": visit.photos.get().pk}) + "?thumb=1")
        assert thumb.status_code == 200 and thumb["X-Content-Type-Options"] == "nosniff"

    def test_bad_input_is_a_form_error_not_a_500(self, login, users):
        h = f.household(code=f.YINGXIU)
        client = login(users["member"])
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            reverse("liaison:visit_create"),
            {
                "village": f.YINGXIU,
                "household": h.pk,
                "way": "bogus",
                "day": "x",
                "photo": SimpleUploadedFile("a.jpg", b"not an image"),
            },
        )
        assert response.status_code == 200
        response = client.post(
            reverse("liaison:visit_create"),
            {
                "village": f.YINGXIU,
                "household": h.pk,
                "way": "door",
                "day": timezone.localdate().isoformat(),
                "photo": SimpleUploadedFile("a.jpg", b"not an image"),
            },
        )
        assert response.status_code == 200 and "不支持的文件类型" in response.content.decode()
        assert not Visit.objects.exists()

    def test_out_of_scope_village_is_404(self, login, users):
        assert (
            login(users["member"]).get(reverse("liaison:visit_create") + f"?village={f.XIGUO_VILLAGE}").status_code
            == 404
        )


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
        assert page.context["can_edit"] and page.context["edit_form"].instance == h
        response = client.post(h.get_absolute_url(), self.household_data(head_name="王建民", size=4), follow=True)
        assert response.redirect_chain == [(h.get_absolute_url(), 302)]
        assert "已保存" in response.content.decode()
        h.refresh_from_db()
        assert (h.head_name, h.size, h.head_id_number) == ("王建民", 4, "410883199001011230")
        assert AuditEvent.objects.filter(action="liaison.household.update", object_id=str(h.pk)).exists()

    def test_invalid_household_edit_shows_the_form_with_its_errors(self, login, users):
        h = f.household()
        response = login(users["township"]).post(h.get_absolute_url(), self.household_data(size="x", head_name="改"))
        assert response.status_code == 200
        assert response.context["edit_form"].errors and response.context["object"].head_name == "王建国"
        h.refresh_from_db()
        assert h.head_name == "王建国"

    def test_a_broken_rule_on_edit_is_a_message(self, login, users):
        f.household()
        h = f.household(number="002")
        response = login(users["township"]).post(h.get_absolute_url(), self.household_data(number="001"), follow=True)
        assert response.redirect_chain == [(h.get_absolute_url(), 302)]
        assert "已保存" not in response.content.decode()
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
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
        assert AuditEvent.objects.filter(action="liaison.member.update").exists()
        bad = client.post(m.get_absolute_url(), data | {"mobile": "123"})
        assert bad.status_code == 200 and "mobile" in bad.context["edit_form"].errors
        client.post(m.get_absolute_url(), {"op": "link", "household": [h.pk, "x"]})
        link = m.links.get()
        assert link.household == h
        client.post(m.get_absolute_url(), {"op": "unlink", "link": link.pk})
        assert not m.links.exists()

    def test_without_the_edit_right_there_is_no_form_and_no_edit(self, login, users):
        h = f.household(code=f.YINGXIU)
        client = login(users["member"])
        page = client.get(h.get_absolute_url())
        assert page.context["can_edit"] is False and page.context["edit_form"] is None
        assert client.post(h.get_absolute_url(), self.household_data(head_name="改")).status_code == 403
        h.refresh_from_db()
        assert h.head_name == "王建国"

    def test_unknown_op_is_refused(self, login, users):
        m = f.matter()
        client = login(users["township"])
        for url, op in ((f.household().get_absolute_url(), "bogus"), (m.get_absolute_url(), "edit")):
            response = client.post(url, {"op": op}, follow=True)
            assert response.redirect_chain == [(url, 302)]
            assert "无效的操作" in response.content.decode()


class TestMatterPage:
    def test_escalate_and_close_through_the_page(self, login, users):
        m = f.matter(code=f.YINGXIU)
        url = m.get_absolute_url()
        village = login(users["village"])
        assert "上报" in village.get(url).content.decode()
        village.post(url, {"op": "escalate", "note": "村里解决不了"})
        m.refresh_from_db()
        assert m.level == Level.TOWNSHIP
        assert village.post(url, {"op": "close", "resolution": "x", "satisfaction": "satisfied"}).status_code == 403
        township = login(users["neighbour"])
        township.post(url, {"op": "close", "resolution": "", "satisfaction": "satisfied"})
        m.refresh_from_db()
        assert m.status == MatterStatus.OPEN  # a resolution is required
        township.post(url, {"op": "close", "resolution": "已协调解决", "satisfaction": "satisfied"})
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED and m.satisfaction == "satisfied"

    def test_overdue_filter(self, login, users):
        m = f.matter(title="超期的事")
        Matter.objects.filter(pk=m.pk).update(deadline=timezone.localdate() - timedelta(days=1))
        f.matter(title="未超期的事")
        body = login(users["township"]).get(reverse("liaison:matter_list") + "?overdue=true").content.decode()
        assert "超期的事" in body and "未超期的事" not in body


class TestFindingPage:
    def test_township_rectifies_office_confirms(self, login, users):
        finding = f.finding()
        url = finding.get_absolute_url()
        login(users["township"]).post(url, {"op": "rectify", "text": "已整改"})
        login(users["office"]).post(url, {"op": "confirm"})
        finding.refresh_from_db()
        assert finding.status == FindingStatus.CONFIRMED

    def test_office_records_guidance_with_findings(self, login, users):
        cadre = f.cadre()
        deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
        response = login(users["office"]).post(
            reverse("liaison:guidance_create"),
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

    def test_assignment_with_a_new_cadre(self, login, users):
        response = login(users["office"]).post(
            reverse("liaison:assignment_create"),
            {
                "new_cadre": "钱组工",
                "new_cadre_unit": "市委组织部",
                "area_code": f.XIGUO,
                "year": 2024,
                "category": "township",
            },
        )
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="liaison.area.assign").exists()


class TestBoard:
    def _data(self):
        h = f.household()
        services.link_household(f.SYSTEM, f.member(), h)
        f.household(number="002")
        f.visit(h, raised="路灯", make_matter=True)
        f.visit(h, day=timezone.localdate() - timedelta(days=10))
        f.consultation()
        f.finding()

    def test_township_board_shows_its_villages_and_figures(self, login, users):
        self._data()
        response = login(users["township"]).get(reverse("liaison:board", kwargs={"code": f.XIGUO}))
        row = next(r for r in response.context["rows"] if r.code == f.XIGUO_VILLAGE)
        assert (row.households, row.linked, row.coverage, row.visits_7, row.visits_30) == (2, 1, 50.0, 1, 2)
        assert (row.open, row.consultations, row.findings_open) == (1, 1, 1)
        body = response.content.decode()
        assert 'hx-trigger="every 30s"' in body and 'id="chart-coverage"' in body and "<script>" not in body

    def test_htmx_poll_gets_only_the_live_part(self, login, users):
        response = login(users["township"]).get(
            reverse("liaison:board", kwargs={"code": f.XIGUO}), HTTP_HX_REQUEST="true"
        )
        body = response.content.decode()
        assert "<html" not in body and "联户覆盖率" in body

    def test_county_and_city_roll_up(self, login, users):
        self._data()
        from lianxin.conftest import make_user

        client = login(users["office"])
        rows = client.get(reverse("liaison:board", kwargs={"code": f.MENGZHOU})).context["rows"]
        assert len(rows) == 11 and next(r for r in rows if r.code == f.XIGUO).households == 2
        city = login(make_user("city", "office", "4108"))
        rows = city.get(reverse("liaison:board", kwargs={"code": "4108"})).context["rows"]
        assert next(r for r in rows if r.code == f.MENGZHOU).households == 2

    def test_export(self, login, users):
        self._data()
        rows = xlsx_rows(
            login(users["office"]).get(reverse("liaison:board", kwargs={"code": f.MENGZHOU}) + "?export=xlsx")
        )
        assert rows[0][:4] == ("代码", "名称", "村(社区)数", "户数") and len(rows) == 13

    def test_village_drill_down(self, login, users):
        self._data()
        body = login(users["township"]).get(reverse("liaison:board", kwargs={"code": f.XIGUO_VILLAGE})).content.decode()
        assert "李红梅" in body and "路灯" in body

    def test_constant_query_count(self, login, users):
        def count(client, code):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("liaison:board", kwargs={"code": code})).status_code == 200
            return len(ctx.captured_queries)

        client = login(users["office"])
        empty = count(client, f.MENGZHOU)
        self._data()
        for i in range(5):
            f.household(code=f.DADING_VILLAGE, number=f"x{i}")
        # 16 + one for the second factor (the verified device, or whether there is one)
        assert count(client, f.MENGZHOU) == empty <= 17
        assert count(login(users["township"]), f.XIGUO) <= 17


class TestImports:
    def test_bad_rows_change_nothing_and_are_listed(self, login, users):
        from lianxin.liaison.importer import HOUSEHOLD_HEADER

        upload = xlsx_upload(
            HOUSEHOLD_HEADER,
            [
                [f.XIGUO_VILLAGE, "001", "张三", "", 3, "一组", "", "13800138000", "低保户"],
                [f.XIGUO_VILLAGE, "002", "李四", "110105194912310021", "x", "", "", "123", ""],
                [f.DADING_VILLAGE, "003", "王五", "", 2, "", "", "", ""],
            ],
        )
        response = login(users["township"]).post(reverse("liaison:household_import"), {"file": upload})
        errors = response.context["row_errors"]
        assert any(e.startswith("第3行") and "家庭人口" in e for e in errors)
        assert any(e.startswith("第4行") and "村代码" in e for e in errors)
        assert not Household.objects.exists()

    def test_import_twice_changes_nothing(self, login, users):
        from lianxin.liaison.importer import MEMBER_HEADER

        rows = [
            [f.XIGUO_VILLAGE, "张党员", "男", "1980-01-02", "2005-07-01", "书记", "13900139001", ""],
            [f.XIGUO_VILLAGE, "李党员", "女", "1995/3/4", "", "", "", "11010519491231002X"],
        ]
        client = login(users["township"])
        client.post(reverse("liaison:member_import"), {"file": xlsx_upload(MEMBER_HEADER, rows)})
        assert PartyMember.objects.count() == 2
        events = AuditEvent.objects.count()
        client.post(reverse("liaison:member_import"), {"file": xlsx_upload(MEMBER_HEADER, rows)})
        assert PartyMember.objects.count() == 2 and AuditEvent.objects.count() == events

    def test_template_download_and_bad_row_id_check(self, login, users):
        from lianxin.liaison.importer import HOUSEHOLD_HEADER

        client = login(users["township"])
        assert xlsx_rows(client.get(reverse("liaison:household_import") + "?template=1"))[0] == tuple(HOUSEHOLD_HEADER)
        upload = xlsx_upload(
            HOUSEHOLD_HEADER, [[f.XIGUO_VILLAGE, "001", "张三", "110105194912310021", 3, "", "", "", ""]]
        )
        errors = client.post(reverse("liaison:household_import"), {"file": upload}).context["row_errors"]
        assert any("校验位" in e for e in errors)
