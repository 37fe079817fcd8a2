"""Identity checks of security.md items 1–3, through the real login page."""

import pytest
from django.conf import settings as project_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lianxin.audit.models import AuditEvent
from lianxin.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_chinese(client):
    body = client.get(LOGIN).content.decode()
    assert "用户名或手机号" in body and "登录" in body


def test_login_by_username_and_by_mobile(users):
    assert post_login(Client(), "township", PASSWORD)["Location"] == "/"
    assert post_login(Client(), "13800138000", PASSWORD)["Location"] == "/"


def test_wrong_password_gets_a_chinese_error_and_is_audited(users):
    response = post_login(Client(), "township", "nope")
    assert response.status_code == 200
    assert "用户名（手机号）或密码不正确" in response.content.decode()
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.result, event.object_id) == (
        "accounts.session.login_failed",
        "failure",
        str(users["township"].pk),
    )


def test_five_failures_lock_the_account_even_for_the_right_password(users):
    client = Client()
    for _ in range(5):
        post_login(client, "township", "wrong-password")
    response = post_login(client, "township", PASSWORD)
    assert response.status_code == 429
    assert "账号已锁定" in response.content.decode()
    # Typing the mobile number instead of the username does not get around the lock.
    assert post_login(Client(REMOTE_ADDR="10.0.0.9"), "13800138000", PASSWORD).status_code == 429


def test_lock_expires_after_the_cool_off(users, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        post_login(Client(), "township", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - project_settings.AXES_COOLOFF_TIME * 1.01)
    assert post_login(Client(), "township", PASSWORD).status_code == 302


def test_lockout_settings_are_five_failures_for_fifteen_minutes():
    assert project_settings.AXES_FAILURE_LIMIT == 5
    assert project_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("Ab1!", "太短"),
        ("abcdefgh", "至少3类"),
        ("abcdefg1", "至少3类"),
        ("ABCDEFGHIJ", "至少3类"),
        ("Password1", "太常见"),
    ],
)
def test_weak_passwords_are_rejected_in_chinese(password, fragment):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as excinfo:
        validate_password(password)
    assert any(fragment in m for m in excinfo.value.messages), excinfo.value.messages


def test_strong_password_passes():
    validate_password("Xiguo@2023!")


def test_passwords_are_hashed_with_argon2(settings, db):
    from lianxin import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    user = make_user("argon", None, None)
    assert user.password.startswith("argon2")


def test_idle_timeout_is_thirty_minutes():
    assert project_settings.SESSION_COOKIE_AGE == 30 * 60


def _session_expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.cookies[project_settings.SESSION_COOKIE_NAME].value).expire_date


def test_requests_renew_the_session_at_most_once_a_minute(users, monkeypatch):
    """The idle timeout holds without a session write per request (lianxin/core/sessions.py)."""
    import lianxin.core.sessions as sessions

    clock = [1_000_000.0]
    monkeypatch.setattr(sessions.time, "time", lambda: clock[0])
    client = Client()
    post_login(client, "township", PASSWORD)
    assert client.get("/").status_code == 200
    renewed = _session_expiry(client)
    clock[0] += 30
    assert client.get("/").status_code == 200
    assert _session_expiry(client) == renewed  # within the minute: no write
    clock[0] += 31
    assert client.get("/").status_code == 200
    assert _session_expiry(client) > renewed  # a minute on: renewed


def test_an_anonymous_visit_creates_no_session(db):
    from django.contrib.sessions.models import Session

    assert Client().get(reverse("accounts:login")).status_code == 200
    assert not Session.objects.exists()


def test_pages_are_compressed_files_are_not(users, login):
    client = login(users["township"])
    page = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"

    from django.http import HttpResponse
    from django.test import RequestFactory

    from lianxin.core.middleware import TextGZipMiddleware

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = HttpResponse(b"PK" + b"x" * 5000, content_type=xlsx)
    passed = TextGZipMiddleware(lambda request: workbook)(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert not passed.has_header("Content-Encoding")


def test_after_logout_the_old_session_cookie_is_dead(users):
    client = Client()
    post_login(client, "township", PASSWORD)
    old_cookie = client.cookies[project_settings.SESSION_COOKIE_NAME].value
    assert client.get("/").status_code == 200
    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies[project_settings.SESSION_COOKIE_NAME] = old_cookie
    assert replay.get("/").status_code == 302
    actions = list(AuditEvent.objects.order_by("-seq").values_list("action", flat=True)[:2])
    assert actions == ["accounts.session.logout", "accounts.session.login"]


def test_change_own_password_is_audited(login, users):
    client = login(users["township"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Newer@2023pw", "new_password2": "Newer@2023pw"},
    )
    assert response.status_code == 302
    users["township"].refresh_from_db()
    assert users["township"].check_password("Newer@2023pw")
    assert AuditEvent.objects.order_by("-seq").first().action == "accounts.password.change"
