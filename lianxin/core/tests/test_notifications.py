"""The bell: ringing is idempotent and counts only new reminders; reminders are personal; the
page lists, links, pages and marks read only the user's own."""

import pytest

from lianxin.core.models import Notification
from lianxin.core.notifications import Reminder, mark_all_read, ring, unread_count

pytestmark = pytest.mark.django_db
PAGE = "/notifications/"


def reminder(user, key="test.thing.late:1", url="/orgs/410883/", message="孟州市：事项已逾期"):
    return Reminder(user.pk, key, message, url)


class TestRing:
    def test_only_new_reminders_are_created_and_counted(self, users):
        township, office = users["township"], users["office"]
        assert ring([reminder(township), reminder(township, "test.thing.late:2")]) == 2
        assert ring([reminder(township), reminder(office), reminder(office)]) == 1
        assert ring([reminder(township), reminder(office)]) == 0
        assert sorted(Notification.objects.values_list("user__username", "key")) == [
            ("office", "test.thing.late:1"),
            ("township", "test.thing.late:1"),
            ("township", "test.thing.late:2"),
        ]

    def test_many_keys_at_once(self, users):
        many = [reminder(users["township"], f"test.thing.late:{n}") for n in range(1200)]
        assert ring(many) == 1200
        assert ring(many) == 0

    def test_a_read_reminder_is_not_rung_again(self, users):
        ring([reminder(users["township"])])
        assert mark_all_read(users["township"]) == 1
        assert ring([reminder(users["township"])]) == 0
        assert unread_count(users["township"]) == 0

    @pytest.mark.parametrize(
        "url", ["https://example.com/", "//example.com/x", "/\\example.com", "javascript:alert(1)"]
    )
    def test_reminders_open_pages_of_this_site_only(self, users, url):
        ring([reminder(users["township"])])
        with pytest.raises(ValueError, match="path on this site"):
            ring([reminder(users["township"], url=url)])
        with pytest.raises(ValueError, match="path on this site"):
            ring([reminder(users["office"]), reminder(users["office"], "test.thing.late:2", url=url)])
        assert list(Notification.objects.values_list("user__username", "url")) == [("township", "/orgs/410883/")]


class TestPage:
    def test_lists_and_links_only_the_users_own(self, users, login):
        ring([reminder(users["township"], message="西虢镇的提醒", url="/planning/measures/7/")])
        ring([reminder(users["neighbour"], message="大定街道的提醒")])
        body = login(users["township"]).get(PAGE).content.decode()
        assert '<a class="me-auto" href="/planning/measures/7/">西虢镇的提醒</a>' in body
        assert "大定街道的提醒" not in body
        assert 'data-testid="unread-count">1<' in body

    def test_mark_all_read_marks_only_the_users_own(self, users, login):
        ring([reminder(users["township"]), reminder(users["neighbour"])])
        client = login(users["township"])
        response = client.post(PAGE)
        assert response.status_code == 302 and response["Location"] == PAGE
        assert unread_count(users["township"]) == 0 and unread_count(users["neighbour"]) == 1
        body = client.get(PAGE).content.decode()
        assert "unread-count" not in body and "全部标为已读" not in body

    def test_fifty_a_page_newest_first(self, users, login):
        ring(reminder(users["township"], f"test.thing.late:{n}", message=f"第{n:02d}条") for n in range(51))
        client = login(users["township"])
        first, second = client.get(PAGE).content.decode(), client.get(PAGE + "?page=2").content.decode()
        assert first.count('class="me-auto"') == 50 and second.count('class="me-auto"') == 1
        assert "第 1 / 2 页" in first and "下一页" in first and "上一页" in second
        assert first.index("第50条") < first.index("第49条") and "第00条" in second

    def test_empty_state(self, users, login):
        body = login(users["nobody"]).get(PAGE).content.decode()
        assert "暂时没有提醒" in body and 'data-testid="notifications"' not in body

    def test_the_bell_opens_the_page(self, users, login):
        body = login(users["township"]).get("/").content.decode()
        assert f'href="{PAGE}" title="提醒"' in body
