"""The battle map's drawn page is reused while nothing it shows has changed
(lianxin/core/views/reuse.py): a repeat costs the login's and the check's few queries; an
audited change under or above the county redraws it, one elsewhere does not; the permission and
the scope are checked on every request; another session, language, query, name or role or an
export draws its own; the CSRF token and the bell are the request's own, and a waiting message
is shown. The workbench (home), reused the same way, shows a change at once."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lianxin.audit.services import Actor, record
from lianxin.conftest import BOAI, XIGUO
from lianxin.core.notifications import Reminder, ring
from lianxin.core.views.reuse import BELL_MARK, CSRF_MARK
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.tests.test_pages import add_plans, xiguo_villages
from lianxin.planning.tests.test_workbench import add_measure, days

pytestmark = pytest.mark.django_db
BOARD = reverse("planning:board", args=[XIGUO])
CSRF = re.compile(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def get(client, url=BOARD):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), CSRF.sub(b"", response.content)


@pytest.fixture(autouse=True)
def reuse_on(settings):
    settings.LIANXIN_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def township(plans, users, login):
    return login(users["township"])


def test_a_repeat_reuses_the_drawn_body(township):
    drawn, first = get(township)
    reused, second = get(township)
    assert second == first
    assert reused < drawn - 3


def test_an_audited_change_in_the_county_redraws_it(township, plans):
    get(township)
    village = xiguo_villages(plans, 1)[0]
    add_plans(plans, 1)
    drawn, body = get(township)
    assert village.short_name.encode() in body
    assert get(township)[0] < drawn


def test_a_change_above_the_county_redraws_it(township):
    get(township)
    reused, _body = get(township)
    record(Actor.system("tests"), "planning.plan.create", object_repr="市级", org_code="4108")
    assert get(township)[0] > reused


def test_a_change_in_another_county_keeps_it(township, plans):
    get(township)
    reused, _body = get(township)
    boai_village = Org.objects.filter(code__gte=BOAI, code__lt="410823", level=5).order_by("code").first()
    services.create_plan(Actor.system("tests"), boai_village, plans["year"])
    assert get(township)[0] == reused


def test_permission_and_scope_are_checked_on_every_request(township, users):
    get(township)
    get(township)
    users["township"].role_assignments.all().delete()  # not audited: the check alone must see it
    assert township.get(BOARD).status_code in (403, 404)


def test_each_session_language_and_query_draws_its_own(township, users, login):
    drawn, _body = get(township)
    assert get(login(users["township"]))[0] == drawn
    assert get(township, BOARD + "?star=branch")[0] == drawn
    township.cookies["django_language"] = "en"
    english = township.get(BOARD)
    assert b"Battle map" in english.content or b"battle map" in english.content.lower()


def test_an_export_is_never_the_reused_page(township):
    get(township)
    get(township)
    response = township.get(BOARD + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_reuse_can_be_turned_off(township, settings):
    settings.LIANXIN_PAGE_CACHE_SECONDS = 0
    drawn, _body = get(township)
    assert get(township)[0] == drawn


def overdue_count(client) -> int:
    """The count on the village's 已逾期的措施 card, read from the page as the user sees it."""
    html = client.get("/").content.decode()
    found = re.search(r"已逾期的措施</div>\s*<div[^>]*card-count\">(\d+)<", html)
    return int(found.group(1)) if found else 0


def test_the_workbench_shows_an_audited_change_at_once(plans, users, login):
    client = login(users["village"])
    add_measure(plans["other_plan"], days(-1))
    assert overdue_count(client) == overdue_count(client) == 1
    add_measure(plans["other_plan"], days(-5))
    assert overdue_count(client) == 2


def test_the_token_is_this_requests_and_valid(township):
    get(township)
    first, second = township.get(BOARD).content, township.get(BOARD).content
    assert CSRF_MARK.encode() not in second and BELL_MARK.encode() not in second
    tokens = {CSRF.search(page).group(0) for page in (first, second)}
    assert len(tokens) == 2  # a fresh mask each time, of the session's one secret
    township.handler.enforce_csrf_checks = True
    token = re.search(rb'csrfmiddlewaretoken" value="([^"]+)', second).group(1).decode()
    assert township.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/",
        BOARD,
        reverse("rating:stats", args=[XIGUO]),
        reverse("liaison:board", args=[XIGUO]),
    ],
)
def test_every_reused_page_counts_a_new_reminder_without_a_redraw(township, users, url):
    get(township, url)
    reused, _body = get(township, url)
    ring([Reminder(users["township"].pk, "test.thing.late:1", "提醒", "/")])
    count, body = get(township, url)
    assert count == reused
    assert b'data-testid="unread-count">1<' in body


def test_a_waiting_message_is_shown_and_the_page_reused_after(township):
    get(township)
    reused, _body = get(township)
    session = township.session
    session["_messages"] = MessageEncoder().encode([Message(constants.SUCCESS, "计划已保存")])
    session.save()
    assert "计划已保存" in township.get(BOARD).content.decode()
    count, body = get(township)
    assert count == reused
    assert "计划已保存" not in body.decode()


def test_a_new_name_redraws_the_frame(township, users):
    drawn, _body = get(township)
    get(township)
    user = users["township"]
    user.name = "新名字"
    user.save(update_fields=["name"])  # not audited: the frame's inputs alone must see it
    count, body = get(township)
    assert count == drawn
    assert "新名字".encode() in body
