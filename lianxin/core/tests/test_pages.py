"""Page-frame checks: no external asset anywhere, security headers, navigation by role; the
contract of the core's own page, the reminders behind the bell (lianxin/testing/pages.py)."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from lianxin.core.notifications import Reminder, ring
from lianxin.testing.pages import Page, PageTests, fresh

pytestmark = pytest.mark.django_db

PAGES = ["/", "/orgs/410883/", "/orgs/search/?q=c", "/accounts/password/"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_only_local_assets(login, users, url):
    body = login(users["office"]).get(url).content.decode()
    assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', body)
    # Static files, and the installable app's manifest, which the site serves itself.
    assert assets and all(a.startswith("/static/") or a == "/manifest.webmanifest" for a in assets), assets
    assert "<script>" not in body  # the CSP forbids inline script; data goes in JSON blocks


def test_security_headers(login, users):
    response = login(users["office"]).get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("office", ["组织架构"], ["用户管理", "审计日志"]),
        ("sysadmin", ["用户管理"], ["审计日志"]),
        ("auditor", ["审计日志"], ["用户管理", "组织架构"]),
    ],
)
def test_navigation_offers_only_allowed_pages(login, users, role, shown, hidden):
    body = login(users[role]).get("/").content.decode()
    nav = body[body.index('id="sidenav"') : body.index("</aside>")]
    assert all(label in nav for label in shown)
    assert not any(label in nav for label in hidden)


def test_english_interface_is_available(login, users):
    body = login(users["office"]).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Organisation" in body


def manage_in_production(*args, **extra_env):
    """Run manage.py in a fresh process with production settings."""
    env = {
        "LIANXIN_ENV": "production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-check-0123456789",
        "LIANXIN_AUDIT_KEY": "a" * 20 + "-production-audit-key-for-the-check-0123456789",
        "LIANXIN_AUDIT_CHECKPOINTS": "/nonexistent/audit-checkpoints.jsonl",  # nothing here writes one
        "DJANGO_ALLOWED_HOSTS": "lianxin.example.gov.cn",
        "PATH": "/usr/bin:/bin",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, cwd=str(settings.BASE_DIR)
    )


def test_deploy_check_is_clean_in_production():
    result = manage_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_load_demo_is_idempotent_and_builds_jiaozuo(capsys, settings, tmp_path):
    from lianxin.orgs.choices import GEOGRAPHIC_KINDS, OrgKind
    from lianxin.orgs.models import Org

    settings.MEDIA_ROOT = tmp_path  # the demo ledger's files

    call_command("load_demo")
    places = Org.objects.filter(code__startswith="4108", kind__in=GEOGRAPHIC_KINDS)
    assert places.filter(level=3).count() == 11
    assert places.filter(level=4).count() == 112
    assert places.filter(level=5).count() == 2024
    assert Org.objects.filter(parent__code="410883", kind=OrgKind.TASK_FORCE).count() == 10
    call_command("load_demo")
    assert "新增组织 0 个，新增账号 0 个" in capsys.readouterr().out


def test_collectstatic_succeeds_in_production(tmp_path):
    """WhiteNoise's manifest storage fails on any reference to a missing file (source maps…)."""
    result = manage_in_production("collectstatic", "--noinput", "-v0", LIANXIN_STATIC_ROOT=str(tmp_path / "static"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_exports_past_the_limit_get_429(login, users, settings):
    settings.LIANXIN_EXPORT_RATE = (2, 60)
    client = login(users["office"])
    url = "/orgs/410883/?export=xlsx"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/orgs/410883/").status_code == 200  # pages are not counted
    assert login(users["office_boai"]).get("/orgs/410822/?export=xlsx").status_code == 200  # per user


def add_reminders(world, n):
    user = world["township"]
    ring(Reminder(user.pk, f"test.thing.late:{i}", f"第{i}条提醒", "/orgs/410883105/") for i in fresh(world, n))


class TestPageContracts(PageTests):
    @pytest.fixture
    def world(self, users):
        return {"township": users["township"]}

    # Reminders are one's own: there is no one outside whom to show them to.
    cases = (Page("notifications", lambda w: reverse("core:notifications"), None, "township", grow=add_reminders),)
