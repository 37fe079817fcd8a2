"""Pages: lists, the phone visit form, matters, what liaison adds to a household's page, the
board with its constant query count and htmx polling."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.services import Actor, record
from lianxin.liaison import board
from lianxin.liaison.choices import Level, MatterStatus
from lianxin.liaison.models import Matter, Visit
from lianxin.liaison.tests import factories as f
from lianxin.orgs.models import Org
from lianxin.registers import services as registers
from lianxin.registers.models import PartyMember
from lianxin.testing.xlsx import table_rows

pytestmark = pytest.mark.django_db


def xlsx_rows(response):
    return table_rows(response.content)


class TestLists:
    def test_empty_state_and_bad_filters_do_not_500(self, login, users):
        client = login(users["township"])
        for url in ("visit_list", "matter_list", "consultation_list"):
            response = client.get(reverse(f"liaison:{url}") + "?place=abc&since=notadate&q=zzz")
            assert response.status_code == 200, url
            assert "没有符合条件的记录" in response.content.decode()


class TestVisitListOpensOnMine:
    def test_a_member_sees_their_own_visits_first_and_may_switch(self, login, users):
        h = f.household(code=f.YINGXIU, number="M01")
        own = f.member(code=f.YINGXIU, name="本人党员")
        PartyMember.objects.filter(pk=own.pk).update(user=users["member"])
        f.visit(h, own, raised="本人走访的事")
        f.visit(h, f.member(code=f.YINGXIU, name="别的党员"), raised="别人走访的事")
        client = login(users["member"])
        mine = client.get(reverse("liaison:visit_list")).content.decode()
        assert "本人走访的事" in mine and "别人走访的事" not in mine
        every = client.get(reverse("liaison:visit_list") + "?who=all").content.decode()
        assert "本人走访的事" in every and "别人走访的事" in every
        # the village clerk's list opens on the whole village
        assert "别人走访的事" in login(users["village"]).get(reverse("liaison:visit_list")).content.decode()


class TestVisitForm:
    def test_member_logs_a_visit_with_photo_in_one_post(self, login, users):
        h = f.household(code=f.YINGXIU)
        m = f.member(code=f.YINGXIU)
        PartyMember.objects.filter(pk=m.pk).update(user=users["member"])
        registers.link_household(f.SYSTEM, m, h)
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


class TestHouseholdPage:
    """What liaison adds to the registers' household and member pages (liaison.panels)."""

    def test_household_page_shows_its_matters_and_visits_and_offers_a_visit(self, login, users):
        h = f.household(code=f.YINGXIU)
        f.visit(h, raised="屋顶漏雨", make_matter=True)
        body = login(users["member"]).get(h.get_absolute_url()).content.decode()
        assert "屋顶漏雨" in body and "村级·办理中" in body
        assert f"/liaison/visits/new/?village={f.YINGXIU}" in body
        assert "/liaison/visits/new/" not in login(users["office"]).get(h.get_absolute_url()).content.decode()

    def test_member_page_shows_the_members_visits(self, login, users):
        h, m = f.household(), f.member()
        f.visit(h, m, raised="门前排水沟堵塞")
        assert "门前排水沟堵塞" in login(users["township"]).get(m.get_absolute_url()).content.decode()


class TestMatterPage:
    def test_escalate_and_close_through_the_page(self, login, users):
        m = f.matter(code=f.YINGXIU)
        url = m.get_absolute_url()
        village = login(users["village"])
        assert "上报" in village.get(url).content.decode()
        village.post(url, {"op": "escalate", "note": "村里解决不了"})
        m.refresh_from_db()
        assert m.level == Level.TOWNSHIP
        refused = village.post(url, {"op": "close", "resolution": "x"}, follow=True)
        assert [x.level_tag for x in refused.context["messages"]][-1] == "error" and not refused.context["can"]["close"]
        m.refresh_from_db()
        assert m.status == MatterStatus.OPEN  # the village cannot close a matter handled by the township
        township = login(users["neighbour"])
        township.post(url, {"op": "close", "resolution": ""})
        m.refresh_from_db()
        assert m.status == MatterStatus.OPEN  # a resolution is required
        assert "群众满意度" not in township.get(url).content.decode()  # not the closer's word
        township.post(url, {"op": "close", "resolution": "已协调解决"})
        m.refresh_from_db()
        assert m.status == MatterStatus.CLOSED

    def test_overdue_filter(self, login, users):
        m = f.matter(title="超期的事")
        Matter.objects.filter(pk=m.pk).update(deadline=timezone.localdate() - timedelta(days=1))
        f.matter(title="未超期的事")
        body = login(users["township"]).get(reverse("liaison:matter_list") + "?overdue=true").content.decode()
        assert "超期的事" in body and "未超期的事" not in body


class TestUnknownOp:
    def test_unknown_op_is_refused(self, login, users):
        url = f.matter().get_absolute_url()
        response = login(users["township"]).post(url, {"op": "edit"}, follow=True)
        assert response.redirect_chain == [(url, 302)]
        assert "无效的操作" in response.content.decode()


class TestBoard:
    def _data(self):
        h = f.household()
        registers.link_household(f.SYSTEM, f.member(), h)
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

    def test_the_board_counts_only_what_the_user_may_see(self, users):
        self._data()
        county = Org.objects.get(code=f.MENGZHOU)
        rows, total = board.board(users["township"], county, timezone.localdate())
        assert [r.code for r in rows] == [f.XIGUO] and total.households == 2
        assert board.board(users["nobody"], county, timezone.localdate())[0] == []
        everything, _ = board.board(users["office"], county, timezone.localdate())
        assert len(everything) > 1 and next(r for r in everything if r.code == f.XIGUO).households == 2

    def test_an_overdue_badge_says_what_it_counts(self, login, users):
        finding = f.finding(code=f.XIGUO_VILLAGE)
        type(finding).objects.filter(pk=finding.pk).update(deadline=timezone.localdate() - timedelta(days=3))
        page = login(users["township"]).get(reverse("liaison:board", args=[f.XIGUO])).content.decode()
        assert '<span class="badge text-bg-danger">超期 1</span>' in page

    def test_htmx_poll_gets_only_the_live_part(self, login, users):
        response = login(users["township"]).get(
            reverse("liaison:board", kwargs={"code": f.XIGUO}), HTTP_HX_REQUEST="true"
        )
        body = response.content.decode()
        assert "<html" not in body and "联户覆盖率" in body

    def test_a_poll_that_finds_no_change_is_answered_304_from_a_few_rows(self, login, users):
        client = login(users["township"])
        url = reverse("liaison:board", kwargs={"code": f.XIGUO})
        first = client.get(url, HTTP_HX_REQUEST="true")
        etag = first["ETag"]
        with CaptureQueriesContext(connection) as polled:
            again = client.get(url, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b""
        assert len(polled) == 5  # session, user, second factor, roles, the marks: not the org
        f.visit(f.household(), raised="路灯不亮")  # a change in the county
        changed = client.get(url, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and changed["ETag"] != etag
        # Another user's copy is never theirs: the ETag names the user.
        other = login(users["office"]).get(url, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=changed["ETag"])
        assert other.status_code == 200
        # A user who lost the township gets no 304 for their old copy, but the 404 of any page.
        users["township"].role_assignments.all().delete()
        gone = client.get(url, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=changed["ETag"])
        assert gone.status_code in (403, 404)

    def test_a_change_recorded_without_a_place_still_moves_the_poll(self, login, users):
        client = login(users["township"])
        url = reverse("liaison:board", kwargs={"code": f.XIGUO})
        etag = client.get(url, HTTP_HX_REQUEST="true")["ETag"]
        record(Actor.system("tests"), "liaison.demo.load")  # no org code: it may have changed anything
        again = client.get(url, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 200 and again["ETag"] != etag

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


class TestReusedBoards:
    """The board and a village's page are drawn once per change (core/views/reuse.py)."""

    @pytest.fixture(autouse=True)
    def reuse_on(self, settings):
        settings.LIANXIN_PAGE_CACHE_SECONDS = 600

    def count(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries.captured_queries), response.content.decode()

    def test_a_visit_redraws_the_board_and_the_village_page(self, login, users):
        client = login(users["office"])
        h = f.household()
        for url in (reverse("liaison:board", args=[f.MENGZHOU]), reverse("liaison:board", args=[h.org.code])):
            drawn, _page = self.count(client, url)
            reused, _page = self.count(client, url)
            assert reused < drawn
            f.visit(h, raised="路灯不亮")
            redrawn, page = self.count(client, url)
            assert redrawn > reused
        assert "路灯不亮" in page  # the village page lists the new visit
