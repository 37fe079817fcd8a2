"""The reads every request makes, written as SQL (lianxin/core/hotpath.py), give what the ORM
gives: the roles with their orgs and parents, the bell's count, the change marks; an expired
session row and an inactive user end the login as Django's own store and backend do."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianxin.accounts import mfa
from lianxin.accounts.models import RoleAssignment, _assignments_sql
from lianxin.audit.changes import change_query, last_change
from lianxin.audit.models import ChangeMark
from lianxin.audit.services import Actor, record
from lianxin.conftest import MENGZHOU, XIGUO
from lianxin.core import hotpath
from lianxin.core.notifications import Reminder, of, ring, unread_count, unread_query
from lianxin.core.scope import prefix_q
from lianxin.testing.auth import enrol_authenticator

pytestmark = pytest.mark.django_db


def seen(assignment):
    org = assignment.org
    return (
        assignment.pk,
        assignment.role,
        org.code,
        org.short_name,
        org.parent.code if org.parent else None,
        org.scope_code,
    )


def test_the_roles_are_the_orms(users):
    for user in users.values():
        by_orm = RoleAssignment.objects.filter(user=user).select_related("org__parent").order_by("id")
        assert [seen(a) for a in user.assignments] == [seen(a) for a in by_orm]
    office = users["office"].assignments[0]
    assert office.org.created_at is not None  # left out of the SQL, read when asked for


def test_the_bell_counts_only_the_users_unread_reminders(users):
    township, office = users["township"], users["office"]
    ring([Reminder(township.pk, f"test.thing.late:{n}", "提醒", "/") for n in range(3)])
    ring([Reminder(office.pk, "test.thing.late:9", "提醒", "/")])
    of(township).filter(key="test.thing.late:0").update(read_at=timezone.now())
    assert (unread_count(township), unread_count(office), unread_count(users["nobody"])) == (2, 1, 0)


EVENTS = (
    ("410883", "planning.plan.create"),
    ("410882", "test.thing.create"),
    ("4108", "planning.plan.create"),
    ("", "test.thing.create"),
)


@pytest.mark.parametrize("apps", [None, ("planning",), ("planning", "test"), ()])
def test_the_change_marks_are_the_orms(users, apps):
    for code, action in EVENTS:
        record(Actor.system("tests"), action, object_repr="x", org_code=code)
    for code in (XIGUO, MENGZHOU, "410882", "4108", "41"):
        scope = code[:6]
        above = Q(code__in=["", *(scope[:n] for n in range(2, len(scope), 2))])
        marks = ChangeMark.objects.filter(prefix_q(scope) | above)
        if apps is not None:
            marks = marks.filter(app__in=apps)
        newest = marks.aggregate(seq=Max("seq"))["seq"]
        assert last_change(code, apps) == (newest or 0)
        together = hotpath.scalars(ChangeMark, change_query(code, apps), unread_query(users["office"]))
        assert together == [newest, unread_count(users["office"])]


def test_an_expired_session_row_is_no_login(users, login):
    client = login(users["township"])
    assert client.get("/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_a_disabled_user_is_logged_out_at_the_next_request(users, login):
    client = login(users["township"])
    assert client.get("/").status_code == 200
    type(users["township"]).objects.filter(pk=users["township"].pk).update(is_active=False)
    assert client.get("/")["Location"].startswith("/accounts/login/")


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PREPARE is PostgreSQL's; SQLite gets the plain SQL"
)


def _prepared_here() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'lx%%'")
        return cursor.fetchone()[0]


def roles_read_anew(user, django_assert_num_queries) -> tuple[list, str]:
    """The user's roles, read from the database (not the instance's cache), and the SQL sent."""
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1) as captured:  # a PREPARE is not counted: it is setup
        roles = [seen(a) for a in user.assignments]
    return roles, captured.captured_queries[0]["sql"]


@postgresql_only
def test_each_read_is_prepared_once_per_connection_and_runs_by_execute(users, django_assert_num_queries):
    township = users["township"]
    with connection.cursor() as cursor:  # as a new session: nothing prepared yet
        cursor.execute("DEALLOCATE ALL")
    hotpath._prepared.pop(connection.connection, None)
    first, sql = roles_read_anew(township, django_assert_num_queries)
    assert sql.startswith("EXECUTE lx_") and _prepared_here() == 1
    assert hotpath.statement(sql) == _assignments_sql()  # what a report of the queries shows
    assert roles_read_anew(township, django_assert_num_queries) == (first, sql) and _prepared_here() == 1
    unread_count(township)
    assert _prepared_here() == 2


@postgresql_only
def test_prepared_statements_can_be_turned_off(users, settings, django_assert_num_queries):
    prepared, _sql = roles_read_anew(users["township"], django_assert_num_queries)
    settings.LIANXIN_PREPARED_STATEMENTS = False
    plain, sql = roles_read_anew(users["township"], django_assert_num_queries)
    assert plain == prepared and sql.startswith("SELECT ")


def test_has_device_counts_only_a_confirmed_authenticator(users):
    enrol_authenticator(users["office"])
    # No service leaves one unconfirmed; django-otp's own admin can.
    TOTPDevice.objects.create(user=users["township"], name="未确认", confirmed=False)
    for user in users.values():
        assert mfa.has_device(user) == TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert mfa.has_device(users["office"]) and not mfa.has_device(users["township"])
