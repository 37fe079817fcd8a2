"""Account lifecycle (security.md item 23): expiry dates, accounts unused for N days switched
off by `disable_inactive`, the administrator's list of accounts to look at, password age."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from lianxin.accounts.models import User
from lianxin.audit.models import AuditEvent
from lianxin.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
TODAY = timezone.localdate()


def post_login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def age(user, days, field="last_login"):
    """Pretend `user` was created (and last logged in, or changed its password) `days` ago."""
    then = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=user.pk).update(**{"date_joined": then, field: then})


class TestExpiry:
    def test_an_expired_account_cannot_log_in_and_is_told_why(self, users):
        User.objects.filter(pk=users["township"].pk).update(expires_on=TODAY - timedelta(days=1))
        response = post_login(Client(), "township")
        assert response.status_code == 200
        assert "该账号已于" in response.content.decode() and "到期" in response.content.decode()
        event = AuditEvent.objects.filter(action="accounts.user.login_expired").get()
        assert event.result == "failure" and event.object_id == str(users["township"].pk)

    def test_a_wrong_password_says_nothing_about_expiry(self, users):
        User.objects.filter(pk=users["township"].pk).update(expires_on=TODAY - timedelta(days=1))
        body = post_login(Client(), "township", "wrong").content.decode()
        assert "到期" not in body and "用户名（手机号）或密码不正确" in body

    def test_the_account_works_through_its_last_day(self, users):
        User.objects.filter(pk=users["township"].pk).update(expires_on=TODAY)
        assert post_login(Client(), "township").status_code == 302

    def test_a_session_ends_when_the_account_expires(self, users):
        client = Client()
        post_login(client, "township")
        assert client.get("/").status_code == 200
        User.objects.filter(pk=users["township"].pk).update(expires_on=TODAY - timedelta(days=1))
        assert client.get("/")["Location"].startswith(LOGIN)

    def test_the_administrator_sets_an_expiry_date(self, login, users):
        url = reverse("accounts:user_detail", kwargs={"pk": users["township"].pk})
        data = {"op": "edit", "name": "x", "mobile": "", "is_active": "on", "expires_on": "2030-06-30"}
        login(users["sysadmin"]).post(url, data)
        users["township"].refresh_from_db()
        assert users["township"].expires_on.isoformat() == "2030-06-30"


class TestDisableInactive:
    def test_unused_accounts_are_switched_off_once(self, users, capsys, settings):
        settings.LIANXIN_INACTIVE_DAYS = 90
        age(users["township"], 100)
        age(users["village"], 120, field="date_joined")  # never logged in
        age(users["office"], 100)
        User.objects.filter(pk=users["office"].pk).update(last_login=timezone.now() - timedelta(days=5))
        token = Token.objects.create(user=users["township"])
        call_command("disable_inactive")
        assert capsys.readouterr().out.strip() == "已停用 2 个超过 90 天未使用的账号：township、village"
        assert set(User.objects.filter(is_active=False).values_list("username", flat=True)) == {"township", "village"}
        assert not Token.objects.filter(pk=token.pk).exists()
        events = AuditEvent.objects.filter(action="accounts.user.disable_inactive")
        assert events.count() == 2 and events.first().username == "<disable_inactive>"
        call_command("disable_inactive")
        assert capsys.readouterr().out.strip() == "已停用 0 个超过 90 天未使用的账号"
        assert events.count() == 2

    def test_switching_an_account_back_on_restarts_its_clock(self, users):
        age(users["township"], 100)
        call_command("disable_inactive", days=90)
        call_command("set_active", "township", "--on")
        call_command("disable_inactive", days=90)
        assert User.objects.get(pk=users["township"].pk).is_active

    def test_zero_days_turns_it_off(self, users, capsys, settings):
        settings.LIANXIN_INACTIVE_DAYS = 0
        age(users["township"], 1000)
        call_command("disable_inactive")
        assert "未启用" in capsys.readouterr().out
        assert User.objects.get(pk=users["township"].pk).is_active


class TestUserListStates:
    def usernames(self, client, state) -> set[str]:
        body = client.get(reverse("accounts:user_list") + f"?state={state}").content.decode()
        names = {"township", "village", "office", "member", "neighbour"}
        return {n for n in names if f">{n}</a>" in body}

    def test_unused_expired_and_locked_accounts_are_listed(self, login, users, settings):
        settings.LIANXIN_INACTIVE_DAYS = 90
        age(users["village"], 100)
        User.objects.filter(pk=users["office"].pk).update(expires_on=TODAY - timedelta(days=1))
        for _ in range(settings.AXES_FAILURE_LIMIT):
            post_login(Client(), "member", "wrong")
        client = login(users["sysadmin"])
        assert self.usernames(client, "unused") == {"village"}
        assert self.usernames(client, "expired") == {"office"}
        assert self.usernames(client, "locked") == {"member"}
        assert "长期未登录" in client.get(reverse("accounts:user_list")).content.decode()


class TestPasswordAge:
    def test_an_old_password_must_be_changed_first(self, users, settings):
        settings.LIANXIN_PASSWORD_MAX_DAYS = 30
        age(users["township"], 31, field="password_changed_at")
        client = Client()
        post_login(client, "township")
        change = reverse("accounts:password_change")
        assert client.get("/")["Location"] == change
        assert client.get(reverse("core:notifications"))["Location"] == change
        assert client.get(change).status_code == 200
        data = {"old_password": PASSWORD, "new_password1": "Fresh@2023pw", "new_password2": "Fresh@2023pw"}
        assert client.post(change, data).status_code == 302
        assert client.get("/").status_code == 200

    def test_no_policy_by_default(self, users, settings):
        assert settings.LIANXIN_PASSWORD_MAX_DAYS == 0
        age(users["township"], 3000, field="password_changed_at")
        client = Client()
        post_login(client, "township")
        assert client.get("/").status_code == 200

    def test_every_path_that_sets_a_password_stamps_it_but_a_rehash_does_not(self, users, settings):
        user = users["township"]
        assert user.password_changed_at is not None  # created through the service
        age(user, 10, field="password_changed_at")
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
        post_login(Client(), "township")  # MD5 hash upgraded to PBKDF2 on login
        user.refresh_from_db()
        assert user.password.startswith("pbkdf2") and user.password_changed_at < timezone.now() - timedelta(days=9)
        user.set_password("Direct@2023pw")  # as Django's `changepassword` does
        user.save()
        user.refresh_from_db()
        assert user.password_changed_at > timezone.now() - timedelta(minutes=1)
