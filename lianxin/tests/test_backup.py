"""Backup and restore (security.md item 20).

The drill runs the application as separate processes on a database of its own (a SQLite file,
or a new database on the PostgreSQL server the suite uses): it builds a world, keeps adding
households while `backup` runs, restores into a new empty database and media directory, and
checks what an operator's drill would check. The refusal tests run in-process against the test
database, which is never empty, so restore must stop before writing anything.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from lianxin.core.backup import database_state
from lianxin.tests.drill import WORLD_HOUSEHOLDS

REPO = Path(settings.BASE_DIR)
POSTGRES = connection.vendor == "postgresql"
PHOTO = b"\xff\xd8\xff photo bytes"
CHECKPOINTS = b"7 0123abcd\n"


def sha256_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- The drill ----------------------------------------------------------------------------------


@pytest.fixture
def drill_urls(tmp_path):
    """DATABASE_URLs of the live database and of two empty restore targets."""
    roles = ("live", "restored", "second")
    if not POSTGRES:
        yield tuple(f"sqlite:///{tmp_path / role}.sqlite3" for role in roles)
        return
    import psycopg

    names = [f"lianxin_drill_{os.getpid()}_{role}" for role in roles]
    server = urlsplit(os.environ["DATABASE_URL"])
    params = {**connection.get_connection_params(), "dbname": "postgres"}
    with closing(psycopg.connect(**params, autocommit=True)) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        yield tuple(server._replace(path=f"/{name}").geturl() for name in names)
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def cursor_on(url: str):
    """A plain DB-API cursor on the database at URL, outside Django and the code under test."""
    if not POSTGRES:
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            yield db.cursor()
        return
    import psycopg

    with closing(psycopg.connect(url)) as db, db.cursor() as cursor:
        yield cursor


def drill_env(url: str, root: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lianxin.tests.drill_settings",
        "LIANXIN_MEDIA_ROOT": str(root / "media"),
        "LIANXIN_DRILL_CHECKPOINTS": str(root / "checkpoints" / "audit-checkpoints.log"),
    }


def manage(env: dict, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == expect, f"manage.py {' '.join(args)}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done


def drill(function: str, *args: str) -> list[str]:
    """manage.py arguments that run a function of lianxin/tests/drill.py."""
    return ["shell", "-c", f"from lianxin.tests import drill; drill.{function}(*{list(args)!r})"]


def written(progress: Path) -> int:
    return int(progress.read_text()) if progress.exists() else 0


def wait_for_writes(progress: Path, writer: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 30
    while written(progress) < at_least:
        assert writer.poll() is None, f"the writer stopped: {writer.stderr.read()}"
        assert time.monotonic() < deadline, "the writer wrote nothing for 30 s"
        time.sleep(0.05)
    return written(progress)


def backup_while_writing(live: dict, backups: Path, tmp_path: Path) -> tuple[Path, int, int]:
    """Run `backup` while a writer adds households; returns the backup and the number of
    households the writer had added when the backup started and when it ended."""
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    command = [sys.executable, "manage.py", *drill("write", str(stop), str(progress))]
    writer = subprocess.Popen(command, cwd=REPO, env=live, stderr=subprocess.PIPE)
    try:
        before = wait_for_writes(progress, writer, at_least=5)
        summary = manage(live, "backup", str(backups)).stdout
        during = written(progress)
    finally:
        stop.touch()
        writer.wait(timeout=30)
    assert writer.returncode == 0, writer.stderr.read()
    (backup,) = backups.iterdir()
    assert summary.startswith(f"备份完成：{backup}")
    return backup, before, during


def test_backup_while_writing_then_restore_into_an_empty_database(tmp_path, drill_urls):
    live_url, restored_url, second_url = drill_urls
    source, target = tmp_path / "live", tmp_path / "restored"
    live, fresh = drill_env(live_url, source), drill_env(restored_url, target)
    manage(live, *drill("world"))
    checkpoints = Path(live["LIANXIN_DRILL_CHECKPOINTS"])
    manage(live, "audit_checkpoint")  # a real signed checkpoint for the backup to carry

    backup, before, during = backup_while_writing(live, tmp_path / "backups", tmp_path)
    assert during > before, "no household was written while the backup ran"
    manifest = json.loads((backup / "manifest.json").read_text())
    households = manifest["tables"]["registers_household"]
    assert WORLD_HOUSEHOLDS + before <= households <= WORLD_HOUSEHOLDS + during

    assert "恢复完成" in manage(fresh, "restore", str(backup)).stdout
    manage(fresh, "migrate", "--check")
    assert "审计链完整" in manage(fresh, "verify_audit").stdout

    with cursor_on(restored_url) as cursor:
        state = database_state(cursor, connection.vendor)
        cursor.execute("SELECT COUNT(*) FROM audit_auditevent WHERE object_type = 'registers.household'")
        household_events = cursor.fetchone()[0]
    assert state == {"tables": manifest["tables"], "migrations": manifest["migrations"]}
    assert len(state["tables"]) > 50 and state["tables"]["audit_auditevent"] > households
    # One snapshot: every household in the copy has its audit event, and no event lacks its row.
    assert household_events == households
    uploads = sha256_tree(source / "media")
    assert len(uploads) >= 2 * WORLD_HOUSEHOLDS  # each photo and its thumbnail
    assert sha256_tree(target / "media") == uploads
    # The backup's checkpoints as they were when it ran: the writer kept going after it, and a
    # slow backup lets it pass the next checkpoint (every 100 events), which only live holds.
    carried = Path(fresh["LIANXIN_DRILL_CHECKPOINTS"]).read_bytes()
    assert carried and checkpoints.read_bytes().startswith(carried)

    # A restore that does not match its manifest fails, naming the table.
    manifest["tables"]["registers_household"] += 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    failed = manage(drill_env(second_url, tmp_path / "second"), "restore", str(backup), expect=1)
    assert f"表 registers_household：清单 {households + 1}，恢复后 {households}" in failed.stderr


# --- Refusals, in-process -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def module_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """One backup of the test database at rest (outside any test's transaction), with an
    uploaded file and an audit checkpoint file."""
    root = tmp_path_factory.mktemp("backup")
    (root / "media" / "planning").mkdir(parents=True)
    (root / "media" / "planning" / "site.jpg").write_bytes(PHOTO)
    (root / "checkpoints.log").write_bytes(CHECKPOINTS)
    # The session's Playwright browser (lianxin/testing/browser.py), if the browser tests ran
    # first, keeps an event loop on this thread; Django would refuse a new connection here.
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=root / "media", LIANXIN_AUDIT_CHECKPOINTS=str(root / "checkpoints.log")),
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        call_command("backup", str(root / "backups"), stdout=io.StringIO())
    (path,) = (root / "backups").iterdir()
    return path


@pytest.fixture
def backup(module_backup, db, tmp_path, settings):
    """A copy of that backup to damage, and empty places to restore the files to, so that a
    restore that wrote anything would show."""
    copy = tmp_path / "backup"
    shutil.copytree(module_backup, copy)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.MEDIA_ROOT.mkdir()
    settings.LIANXIN_AUDIT_CHECKPOINTS = str(tmp_path / "restored-checkpoints.log")
    return copy


def test_backup_names_every_file_with_its_checksum(module_backup):
    manifest = json.loads((module_backup / "manifest.json").read_text())
    copied = sha256_tree(module_backup)
    del copied["manifest.json"]
    assert {rel: entry["sha256"] for rel, entry in manifest["files"].items()} == copied
    assert copied["media/planning/site.jpg"] == hashlib.sha256(PHOTO).hexdigest()
    assert manifest["audit_checkpoints"] == "audit-checkpoints/checkpoints.log"
    assert copied["audit-checkpoints/checkpoints.log"] == hashlib.sha256(CHECKPOINTS).hexdigest()
    assert manifest["tables"]["orgs_org"] > 0 and manifest["migrations"]["audit"].startswith("00")
    assert module_backup.stat().st_mode & 0o077 == 0  # personal data: operators only


def test_backup_refuses_to_run_inside_a_transaction(db, tmp_path):
    with pytest.raises(CommandError, match="备份不能在数据库事务之中运行"):
        call_command("backup", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def damage_photo(path: Path) -> None:
    photo = path / "media" / "planning" / "site.jpg"
    photo.write_bytes(photo.read_bytes()[:-1] + b"X")


def damage_database(path: Path) -> None:
    (path / json.loads((path / "manifest.json").read_text())["database"]).unlink()


def add_stray_file(path: Path) -> None:
    (path / "media" / "planning" / "stray.jpg").write_bytes(b"not in the manifest")


def edit_manifest(change):
    def edit(path: Path) -> None:
        manifest = json.loads((path / "manifest.json").read_text())
        change(manifest)
        (path / "manifest.json").write_text(json.dumps(manifest))

    return edit


def refuse(backup: Path, message: str) -> None:
    with pytest.raises(CommandError, match=f"^未恢复：.*{message}"):
        call_command("restore", str(backup))


@pytest.mark.parametrize(
    "damage, message",
    [
        (damage_photo, "备份文件已损坏：media/planning/site.jpg 的 SHA-256 与清单不符"),
        (damage_database, "备份不完整：缺少 database[.]"),
        (add_stray_file, "清单未列出的文件：media/planning/stray.jpg"),
        (lambda path: (path / "manifest.json").write_text("{"), "manifest.json 已损坏"),
        (lambda path: (path / "manifest.json").unlink(), "不是一次备份的目录"),
        (edit_manifest(lambda m: m.update(vendor="oracle")), "不能恢复到"),
        (edit_manifest(lambda m: m["migrations"].update(audit="9999_future")), "本程序没有迁移 audit.9999_future"),
        (lambda path: None, "目标数据库不是空的"),
    ],
)
def test_restore_checks_everything_before_writing_anything(backup, settings, damage, message):
    damage(backup)
    refuse(backup, message)
    assert list(settings.MEDIA_ROOT.iterdir()) == []
    assert not Path(settings.LIANXIN_AUDIT_CHECKPOINTS).exists()


def test_restore_refuses_a_media_directory_that_is_not_empty(backup, settings, tmp_path):
    (settings.MEDIA_ROOT / "old.jpg").write_bytes(b"left from before")
    refuse(backup, "上传文件目录不是空的")
    assert sha256_tree(settings.MEDIA_ROOT) == {"old.jpg": hashlib.sha256(b"left from before").hexdigest()}


def test_restore_refuses_to_drop_or_overwrite_the_checkpoint_file(backup, settings):
    Path(settings.LIANXIN_AUDIT_CHECKPOINTS).write_bytes(b"newer checkpoints")
    refuse(backup, "审计检查点文件已存在")
    assert Path(settings.LIANXIN_AUDIT_CHECKPOINTS).read_bytes() == b"newer checkpoints"
    del settings.LIANXIN_AUDIT_CHECKPOINTS
    refuse(backup, "没有设置 LIANXIN_AUDIT_CHECKPOINTS")
