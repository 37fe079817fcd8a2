"""API tokens die (security.md item 17): with a password reset or change, with deactivation,
after LIANXIN_TOKEN_DAYS; their owner and the administrator list and revoke them; every
create and revoke is audited."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from lianxin.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
API = "/api/v1/orgs/"


def api_status(token) -> int:
    return Client().get(API, HTTP_AUTHORIZATION=f"Token {token.key}").status_code


def detail(user) -> str:
    return reverse("accounts:user_detail", kwargs={"pk": user.pk})


def revocations(user) -> list[str]:
    events = AuditEvent.objects.filter(action="accounts.token.revoke", object_id=str(user.pk))
    return [e.after["reason"] for e in events.order_by("seq")]


@pytest.fixture
def token(users):
    return Token.objects.create(user=users["township"])


def test_a_password_reset_kills_the_token(login, users, token):
    assert api_status(token) == 200
    login(users["sysadmin"]).post(detail(users["township"]), {"op": "reset", "password": "Reset@2023x"})
    assert not Token.objects.filter(user=users["township"]).exists()
    assert api_status(token) == 401
    assert revocations(users["township"]) == ["password_changed"]


def test_deactivation_kills_the_token(login, users, token):
    login(users["sysadmin"]).post(detail(users["township"]), {"op": "edit", "name": "x", "mobile": "", "is_active": ""})
    assert api_status(token) == 401
    assert revocations(users["township"]) == ["deactivated"]


def test_a_token_older_than_the_password_is_dead_whoever_changed_it(users, token):
    """Django's own `changepassword` bypasses the services; the token still dies."""
    user = users["township"]
    user.set_password("Other@2023x")
    user.save()
    assert Token.objects.filter(pk=token.pk).exists() and api_status(token) == 401


def test_tokens_expire(users, token, settings):
    settings.LIANXIN_TOKEN_DAYS = 90
    long_ago = timezone.now() - timedelta(days=91)
    type(users["township"]).objects.filter(pk=token.user_id).update(password_changed_at=long_ago - timedelta(days=1))
    Token.objects.filter(pk=token.pk).update(created=long_ago)
    response = Client().get(API, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401 and "接口令牌已过期" in response.json()["detail"]
    settings.LIANXIN_TOKEN_DAYS = 0  # no expiry
    assert api_status(token) == 200


def test_the_owner_lists_and_revokes_their_token(login, users, token):
    client = login(users["township"])
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert token.key[:6] in page and token.key not in page and "有效至" in page
    assert client.post(reverse("accounts:tokens")).status_code == 302
    assert api_status(token) == 401
    assert revocations(users["township"]) == ["revoked"]


def test_the_administrator_sees_and_revokes_a_token(login, users, token):
    client = login(users["sysadmin"])
    assert token.key[:6] in client.get(detail(users["township"])).content.decode()
    client.post(detail(users["township"]), {"op": "revoke_token"})
    assert not Token.objects.filter(pk=token.pk).exists()
    event = AuditEvent.objects.get(action="accounts.token.revoke")
    assert event.user == users["sysadmin"]


def test_the_administrator_cannot_revoke_an_auditors_token(login, users):
    token = Token.objects.create(user=users["auditor"])
    client = login(users["sysadmin"])
    assert 'value="revoke_token"' not in client.get(detail(users["auditor"])).content.decode()
    client.post(detail(users["auditor"]), {"op": "revoke_token"})
    assert Token.objects.filter(pk=token.pk).exists()
    assert AuditEvent.objects.filter(action="accounts.token.revoke_refused", result="failure").count() == 1


def test_an_expired_account_cannot_use_its_token(users, token):
    users["township"].expires_on = timezone.localdate() - timedelta(days=1)
    users["township"].save()
    assert api_status(token) == 401


def test_making_a_token_is_audited(users, token):
    assert AuditEvent.objects.filter(action="accounts.token.create", object_id=str(users["township"].pk)).exists()


def test_replacing_a_token_at_the_command_line_is_audited(users, token):
    call_command("drf_create_token", "-r", "township", stdout=io.StringIO())
    assert revocations(users["township"]) == ["replaced"]
    assert AuditEvent.objects.filter(action="accounts.token.create", object_id=str(users["township"].pk)).count() == 2
