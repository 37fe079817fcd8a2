"""The second factor (security.md item 4), through the real login page: who must enrol, the code
after the password, recovery codes, the lockout, the administrator's reset, and the API."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from lianxin.accounts import mfa
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor
from lianxin.conftest import MENGZHOU, PASSWORD
from lianxin.testing.auth import enrol_authenticator

pytestmark = pytest.mark.django_db
SETUP, VERIFY, CODES = reverse("mfa:setup"), reverse("mfa:verify"), reverse("mfa:codes")


def password_login(username: str, client=None) -> Client:
    client = client or Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def unthrottle(user) -> None:
    """Let the back-off after a failed code pass (1 s after the first failure)."""
    earlier = timezone.now() - timedelta(hours=1)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=earlier)


def enrol_through_the_page(client) -> list[str]:
    client.get(SETUP)
    key = client.session["mfa_pending_key"]
    response = client.post(SETUP, {"op": "confirm", "code": mfa.code_for(key)})
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    return shown_codes(client.get(response["Location"]))


def shown_codes(response) -> list[str]:
    """The recovery codes on the page, printed in two groups of four for reading aloud."""
    return [
        "".join(pair)
        for pair in re.findall(r'<li class="col">([a-z2-7]{4}) ([a-z2-7]{4})</li>', response.content.decode())
    ]


# --- Who must use it --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["office", "sysadmin", "auditor"])
def test_required_roles_must_enrol_before_any_page(users, role):
    client = password_login(role)
    for url in ("/", f"/orgs/{MENGZHOU}/", reverse("accounts:password_change"), "/audit/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), url
    assert client.get(SETUP).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_other_roles_are_not_asked_unless_the_setting_says_everyone(users, settings):
    assert password_login("township").get("/").status_code == 200
    settings.LIANXIN_MFA_ALL = True
    response = password_login("township").get("/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_roles_come_from_the_setting_and_an_unknown_name_stops_the_server(users, settings):
    settings.LIANXIN_MFA_ROLES = ["township"]
    assert mfa.required_for(users["township"]) and not mfa.required_for(users["office"])
    settings.LIANXIN_MFA_ROLES = ["office", "adminstrator"]
    with pytest.raises(ImproperlyConfigured, match="adminstrator"):
        mfa.required_for(users["office"])


# --- Enrolment --------------------------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_ten_recovery_codes_once(users):
    client = password_login("office")
    body = client.get(SETUP + "?next=/orgs/410883/").content.decode()
    assert "<svg" in body and "第二步：用验证器扫描二维码" in body
    assert "<script>" not in body  # the CSP allows no inline script; the QR code is plain SVG
    key = client.session["mfa_pending_key"]
    response = client.post(SETUP + "?next=/orgs/410883/", {"op": "confirm", "code": mfa.code_for(key)})
    assert response["Location"] == CODES + "?next=%2Forgs%2F410883%2F"
    page = client.get(response["Location"])
    codes = shown_codes(page)
    page = page.content.decode()
    assert len(codes) == 10 and 'href="/orgs/410883/"' in page and "data-print" in page
    assert client.get(CODES)["Location"] == SETUP  # shown once only
    assert client.get(f"/orgs/{MENGZHOU}/").status_code == 200
    event = last_event("accounts.mfa.enrol")
    assert (event.username, event.object_id, event.org_code) == ("office", str(users["office"].pk), MENGZHOU)


def test_a_wrong_enrolment_code_is_refused_in_chinese(users):
    client = password_login("office")
    client.get(SETUP)
    key = client.session["mfa_pending_key"]
    wrong = f"{(int(mfa.code_for(key)) + 500_000) % 1_000_000:06d}"
    body = client.post(SETUP, {"op": "confirm", "code": wrong}).content.decode()
    assert "验证码不正确" in body
    assert not mfa.has_device(users["office"])
    assert client.get("/")["Location"].startswith(SETUP)


def test_nobody_enrols_a_phone_for_someone_else(users):
    key = mfa.new_key()
    with pytest.raises(PermissionDenied):
        mfa.enrol(Actor(user=users["sysadmin"]), users["office"], key, mfa.code_for(key))
    with pytest.raises(PermissionDenied):
        mfa.renew_recovery_codes(Actor(user=users["sysadmin"]), users["office"])


def test_a_user_not_yet_verified_cannot_replace_the_authenticator(users):
    enrol_authenticator(users["township"])
    client = password_login("township")
    for op in ("start", "renew"):
        response = client.post(SETUP, {"op": op})
        assert response["Location"].startswith(VERIFY), op


# --- The code after the password --------------------------------------------------------------


def test_an_enrolled_user_gives_the_code_after_the_password(users):
    device = enrol_authenticator(users["office"])
    client = password_login("office")
    response = client.get("/orgs/410883/")
    assert response["Location"] == VERIFY + "?next=%2Forgs%2F410883%2F"
    body = client.post(response["Location"], {"code": "000000"}).content.decode()
    assert "验证码或恢复码不正确" in body
    failed = last_event("accounts.mfa.verify_failed")
    assert (failed.result, failed.object_id) == ("failure", str(users["office"].pk))
    unthrottle(users["office"])
    device.refresh_from_db()
    response = client.post(VERIFY + "?next=%2Forgs%2F410883%2F", {"code": mfa.code_for(device.key, device.last_t + 1)})
    assert response["Location"] == "/orgs/410883/"
    assert client.get("/orgs/410883/").status_code == 200
    assert last_event("accounts.mfa.verify").username == "office"


def test_passing_the_second_factor_gives_a_new_session_key(users):
    device = enrol_authenticator(users["office"])
    client = password_login("office")
    copied = Client()
    copied.cookies = client.cookies.__class__(client.cookies)  # a cookie stolen before the code
    client.post(VERIFY, {"code": mfa.code_for(device.key, device.last_t + 1)})
    assert client.get("/").status_code == 200
    assert copied.get("/")["Location"].startswith(reverse("accounts:login"))


def test_a_fragment_request_sends_the_whole_page_to_the_code(users):
    enrol_authenticator(users["office"])
    response = password_login("office").get(f"/orgs/{MENGZHOU}/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == VERIFY


def test_a_code_works_only_once(users):
    device = enrol_authenticator(users["office"])
    code = mfa.code_for(device.key, device.last_t + 1)
    assert password_login("office").post(VERIFY, {"code": code}).status_code == 302
    body = password_login("office").post(VERIFY, {"code": code}).content.decode()
    assert "验证码或恢复码不正确" in body


def test_after_a_failure_even_the_right_code_waits(users):
    device = enrol_authenticator(users["office"])
    client = password_login("office")
    client.post(VERIFY, {"code": "000000"})
    body = client.post(VERIFY, {"code": mfa.code_for(device.key, device.last_t + 1)}).content.decode()
    assert "验证失败次数过多" in body
    assert last_event("accounts.mfa.verify_failed").after == {"throttled": True}


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords(users):
    enrol_authenticator(users["office"])
    client = password_login("office")
    responses = [client.post(VERIFY, {"code": "123456"}) for _ in range(5)]
    assert [r.status_code for r in responses] == [200] * 4 + [429]
    assert "账号已锁定" in responses[-1].content.decode()
    assert client.get("/")["Location"].startswith(reverse("accounts:login"))  # the half-done session ended
    locked = Client().post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    assert locked.status_code == 429


def test_only_our_own_pages_are_followed_after_the_code(users):
    device = enrol_authenticator(users["office"])
    client = password_login("office")
    code = mfa.code_for(device.key, device.last_t + 1)
    assert client.post(VERIFY + "?next=https://evil.example/", {"code": code})["Location"] == "/"


# --- Loss: recovery codes and re-enrolment -----------------------------------------------------


def test_a_recovery_code_works_once_and_leads_to_re_enrolment(users):
    codes = enrol_through_the_page(password_login("office"))
    client = password_login("office")
    response = client.post(VERIFY, {"code": f"{codes[0][:4].upper()} {codes[0][4:]}"})  # as read off paper
    assert response["Location"] == SETUP
    assert "还剩 9 个" in client.get(SETUP).content.decode()
    assert last_event("accounts.mfa.recovery_used").after == {"remaining": 9}
    assert "验证码或恢复码不正确" in password_login("office").post(VERIFY, {"code": codes[0]}).content.decode()

    # The phone is lost: enrol a new one from the recovery-code session; old codes stop working.
    old_key = TOTPDevice.objects.get(user=users["office"]).key
    client.post(SETUP, {"op": "start"})
    new_codes = enrol_through_the_page(client)
    assert TOTPDevice.objects.get(user=users["office"]).key != old_key
    assert not StaticToken.objects.filter(token__in=codes).exists() and len(new_codes) == 10
    assert last_event("accounts.mfa.enrol").after == {"recovery_codes": 10, "replaced": True}
    assert client.get("/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(users):
    client = password_login("office")
    old = enrol_through_the_page(client)
    response = client.post(SETUP, {"op": "renew"})
    new = shown_codes(client.get(response["Location"]))
    assert len(new) == 10 and not set(old) & set(new)
    assert StaticToken.objects.filter(device__user=users["office"]).count() == 10
    assert last_event("accounts.mfa.recovery_renew").username == "office"


def test_anyone_may_enrol_and_is_then_asked_at_login(users):
    client = password_login("township")
    assert "启用后，每次登录时" in client.get(SETUP).content.decode()
    enrol_through_the_page(client)
    assert password_login("township").get("/")["Location"].startswith(VERIFY)


# --- Reset by the system administrator -----------------------------------------------------------


def test_the_sysadmin_resets_after_a_confirmation_page(login, users):
    enrol_authenticator(users["office"])
    office = login(users["office"])
    assert office.get("/").status_code == 200
    admin = login(users["sysadmin"])
    detail = admin.get(reverse("accounts:user_detail", args=[users["office"].pk])).content.decode()
    url = reverse("mfa:reset", args=[users["office"].pk])
    assert f'href="{url}"' in detail and "剩余恢复码 10 个" in detail
    assert "确认重置" in admin.get(url).content.decode()
    assert mfa.has_device(users["office"])  # the page alone changes nothing
    response = admin.post(url)
    assert response["Location"] == reverse("accounts:user_detail", args=[users["office"].pk])
    assert not mfa.has_device(users["office"]) and not StaticToken.objects.filter(device__user=users["office"])
    event = last_event("accounts.mfa.reset")
    assert (event.username, event.before) == ("sysadmin", {"devices": 2})
    assert office.get("/")["Location"].startswith(SETUP)  # enrols again at the next page


@pytest.mark.parametrize("target", ["sysadmin", "auditor"])
def test_the_sysadmin_cannot_reset_its_own_or_an_auditors(login, users, target):
    enrol_authenticator(users[target])
    admin = login(users["sysadmin"])
    url = reverse("mfa:reset", args=[users[target].pk])
    assert "reset_mfa" in admin.get(url).content.decode() and "确认重置" not in admin.get(url).content.decode()
    admin.post(url)
    assert mfa.has_device(users[target])
    with pytest.raises(PermissionDenied):
        mfa.reset(Actor(user=users["sysadmin"]), users[target])


def test_business_roles_cannot_reset(login, users):
    enrol_authenticator(users["township"])
    assert login(users["office"]).post(reverse("mfa:reset", args=[users["township"].pk])).status_code == 403
    assert mfa.has_device(users["township"])


def test_reset_command_on_the_server_resets_anyone(users, capsys):
    enrol_authenticator(users["auditor"])
    call_command("reset_mfa", "auditor")
    assert "已重置 auditor 的两步验证" in capsys.readouterr().out
    assert not mfa.has_device(users["auditor"])
    assert last_event("accounts.mfa.reset").username == "<reset_mfa>"
    with pytest.raises(CommandError, match="尚未启用"):
        call_command("reset_mfa", "auditor")


@pytest.mark.parametrize("tamper", ["another user's device", "unconfirmed", "no such id", "nonsense"])
def test_only_the_users_own_confirmed_device_verifies_a_session(login, users, tamper):
    """The session names its device (DeviceMiddleware reads it by hand-written SQL): a name
    that is not the user's confirmed device leaves the session owing the code."""
    enrol_authenticator(users["office"])
    enrol_authenticator(users["township"])
    office = login(users["office"])
    assert office.get("/").status_code == 200
    own = TOTPDevice.objects.get(user=users["office"])
    named = {
        "another user's device": TOTPDevice.objects.get(user=users["township"]).persistent_id,
        "unconfirmed": own.persistent_id,
        "no such id": "otp_totp.totpdevice/999999",
        "nonsense": "otp_totp.nosuchmodel/x",
    }[tamper]
    if tamper == "unconfirmed":
        TOTPDevice.objects.filter(pk=own.pk).update(confirmed=False)
    session = office.session
    session[DEVICE_ID_SESSION_KEY] = named
    session.save()
    # Owing the code: sent to give it, or (no confirmed device left) to enrol again.
    assert office.get("/")["Location"].split("?")[0] in (VERIFY, SETUP)


# --- API and demo -------------------------------------------------------------------------------


def test_api_tokens_are_not_affected_but_a_half_done_session_is_refused(users):
    token = Token.objects.create(user=users["office"])
    by_token = Client().get("/api/v1/orgs/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert by_token.status_code == 200
    by_session = password_login("office").get("/api/v1/orgs/")
    assert by_session.status_code == 403 and "两步验证" in by_session.json()["detail"]


def test_demo_totp_prints_the_code_and_refuses_in_production(users, settings, capsys):
    device = enrol_authenticator(users["office"])
    call_command("demo_totp", "office")
    code = capsys.readouterr().out.strip()
    assert code == mfa.code_for(device.key, device.last_t + 1)
    assert password_login("office").post(VERIFY, {"code": code}).status_code == 302
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境"):
        call_command("demo_totp", "office")


def test_demo_accounts_get_the_demo_secret_only_outside_production(users, settings):
    from lianxin.conftest import make_user
    from lianxin.orgs import demo

    make_user("mengzhou", "office", MENGZHOU)
    make_user("xiguo", "township", "410883105")
    settings.PRODUCTION = True
    assert demo._ensure_second_factor(Actor.system("load_demo")) == []
    assert not TOTPDevice.objects.filter(user__username="mengzhou").exists()
    settings.PRODUCTION = False
    # `auditor` is a demo name too; `xiguo` (township) needs no second factor.
    assert demo._ensure_second_factor(Actor.system("load_demo")) == ["auditor", "mengzhou"]
    assert demo._ensure_second_factor(Actor.system("load_demo")) == ["auditor", "mengzhou"]  # idempotent
    assert TOTPDevice.objects.get(user__username="mengzhou").key == demo.DEMO_TOTP_KEY
    assert AuditEvent.objects.filter(action="accounts.mfa.enrol", object_repr="mengzhou").count() == 1
