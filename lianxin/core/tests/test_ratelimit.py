"""Rate limits count across processes (security.md item 15): two worker processes hitting
one key share one count, and no hit is lost when they race."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from lianxin.core import ratelimit
from lianxin.core.models import RateCounter

LIMIT, HITS_EACH = 50, 40
# A window far longer than the test, so that no window boundary splits the count.
WINDOW = 10**9

WORKER = textwrap.dedent(
    f"""
    import django
    django.setup()
    from lianxin.core.ratelimit import over_limit
    print(sum(not over_limit("race", {LIMIT}, {WINDOW}) for _ in range({HITS_EACH})))
    """
)


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "LIANXIN_CACHE_URL"}
    database = f"sqlite:///{tmp_path / 'workers.sqlite3'}"
    return env | {"DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "lianxin.settings"}


def test_two_worker_processes_count_together(tmp_path):
    """Each worker is a fresh interpreter, as under gunicorn; their database is a file both open."""
    env, cwd = _env(tmp_path), settings.BASE_DIR
    subprocess.run([sys.executable, "manage.py", "migrate", "core", "-v0"], cwd=cwd, env=env, check=True)
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER], cwd=cwd, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    allowed = [int(w.communicate(timeout=60)[0]) for w in workers]
    assert sum(allowed) == LIMIT, allowed  # per-worker counting let 2 × 40 = 80 through


@pytest.mark.django_db
def test_the_counter_is_one_row_per_window_and_old_windows_are_swept(monkeypatch):
    clock = iter([1_000, 1_001, 1_002, 1_070])
    monkeypatch.setattr(ratelimit.time, "time", lambda: next(clock))
    assert [ratelimit.over_limit("k", 2, 60) for _ in range(3)] == [False, False, True]
    assert RateCounter.objects.get().hits == 3
    assert not ratelimit.over_limit("k", 2, 60)  # a new window: the old row is gone
    assert list(RateCounter.objects.values_list("hits", flat=True)) == [1]


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit-test"}}
)
def test_with_a_cache_that_counts_atomically_the_cache_counts(monkeypatch):
    """The Redis path (cache.add + INCR) on a stand-in cache: here only the branch is checked."""
    monkeypatch.setattr(ratelimit, "_REDIS", settings.CACHES["default"]["BACKEND"])
    monkeypatch.setattr(ratelimit, "cache", caches["default"])
    assert [ratelimit.over_limit("c", 1, 60) for _ in range(2)] == [False, True]
    assert caches["default"].get("ratelimit:c") == 2


def test_the_default_cache_is_shared_by_every_worker():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
