"""A newcomer's first look (`make run`): debug mode is off unless DJANGO_DEBUG=1, so a wrong
address shows the Chinese 404 page, not Django's technical page listing every URL, and static
files are still served (WhiteNoise, from the app folders in development)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRINT_DEBUG = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def debug_with(**env) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "LIANXIN_ENV")}
    done = subprocess.run(
        [sys.executable, "-c", PRINT_DEBUG],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "lianxin.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_debug_is_off_in_development_unless_asked_for():
    assert debug_with() == "False"
    assert debug_with(DJANGO_DEBUG="1") == "True"


@pytest.mark.django_db
def test_unknown_address_shows_the_chinese_404_and_static_files_are_served(client, users, login):
    response = login(users["village"]).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "页面不存在，或不在您的数据范围内" in body
    assert "URLconf" not in body
    assert client.get("/static/css/app.css").status_code == 200
