"""Backup and restore as commands (security.md item 20), so that the nightly job and the restore
drill are one tested code path instead of a shell recipe.

A backup is one directory holding the database, the uploaded files, the audit checkpoint file
(when the setting names one) and `manifest.json`: the migration state, the row count of every
table and the SHA-256 of every file. The database copy is consistent while the application
keeps writing: SQLite's online backup API copies every page under one read snapshot (WAL lets
writers carry on), and on PostgreSQL `pg_dump` dumps the snapshot of our own REPEATABLE READ
transaction, in which the rows are counted too, so the counts describe exactly what was dumped.
The order matters: the audit checkpoints are copied before the database, so every checkpoint
names an event the copy holds (events are never deleted), and the uploaded files after it, so
every file a backed-up row names is there (an upload is on disk before its row commits).

Restore checks everything before it writes anything (every checksum, the database vendor, the
migrations, an empty target), then restores and compares the row counts with the manifest and
walks the audit chain. The checksums find a damaged copy; they do not authenticate it (whoever
can rewrite the files can rewrite the manifest), so keep backups where only operators write.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from lianxin.audit.services import verify_chain

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
CHECKPOINTS = "audit-checkpoints"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A refusal or failure, worded for the operator (Chinese). Nothing was left half-done."""


@dataclass(frozen=True)
class RestoreReport:
    manifest: dict
    problems: list[str]
    events_checked: int


# --- Shared: files and database state -----------------------------------------------------------


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _quote(name: str) -> str:
    """An identifier quoted the standard way, which both SQLite and PostgreSQL accept."""
    return '"' + name.replace('"', '""') + '"'


_TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}


def _table_names(cursor, vendor: str) -> list[str]:
    cursor.execute(_TABLES_SQL[vendor])
    return sorted(row[0] for row in cursor.fetchall())


def database_state(cursor, vendor: str) -> dict:
    """Row count of every table and the last applied migration of every app, read through one
    cursor so that both describe the same moment."""
    tables = {}
    for table in _table_names(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        tables[table] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = dict(cursor.fetchall())
    return {"tables": tables, "migrations": migrations}


def _checkpoint_path() -> Path | None:
    # Named by the audit module when it keeps checkpoints; absent on installations without them.
    name = getattr(settings, "LIANXIN_AUDIT_CHECKPOINTS", None)
    return Path(name) if name else None


# --- PostgreSQL client tools --------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    """pg_dump/pg_restore of the server's major version (Debian keeps one per version), else PATH."""
    connection.ensure_connection()
    major = connection.pg_version // 10000
    versioned = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    found = str(versioned) if versioned.exists() else shutil.which(name)
    if not found:
        raise BackupError(f"找不到 {name}：请安装与数据库服务器同一主版本（{major}）的 postgresql-client")
    return found


def _pg_env() -> dict:
    """Connection settings for libpq tools as environment variables: the password never appears
    on a command line. SSL and service options are passed on the way Django's dbshell does."""
    from django.db.backends.postgresql.client import DatabaseClient

    db = connection.settings_dict
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(key):
            env[var] = str(db[key])
    _args, extra = DatabaseClient.settings_to_cmd_args_env(db, [])
    env.update(extra or {})
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{Path(args[0]).name} 失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


# --- Backup -------------------------------------------------------------------------------------


def _backup_sqlite(target: Path) -> dict:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # pages=-1 (the default): one step under one read snapshot, so writers neither block it
        # nor make it start over.
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return database_state(copy.cursor(), "sqlite")


def _backup_postgresql(target: Path) -> dict:
    import psycopg

    raw = psycopg.connect(**connection.get_connection_params())  # our own transaction, not Django's
    try:
        raw.autocommit = False
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            state = database_state(cursor, "postgresql")
            name = connection.settings_dict["NAME"]
            _run([_pg_tool("pg_dump"), "-Fc", "--no-password", f"--snapshot={snapshot}", "-f", str(target), "-d", name])
        raw.rollback()
    finally:
        raw.close()
    return state


_BACKUP_DATABASE = {"sqlite": _backup_sqlite, "postgresql": _backup_postgresql}


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"不支持的数据库：{connection.vendor}")
    return connection.vendor


def _copy_checkpoints(work: Path) -> str | None:
    """The checkpoint file, if any; returns its place in the backup."""
    checkpoints = _checkpoint_path()
    if checkpoints is None or not checkpoints.is_file():
        return None
    (work / CHECKPOINTS).mkdir()
    shutil.copy2(checkpoints, work / CHECKPOINTS / checkpoints.name)
    return f"{CHECKPOINTS}/{checkpoints.name}"


def _copy_media(work: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, work / MEDIA)
    else:
        (work / MEDIA).mkdir()


def make_backup(root: Path) -> tuple[Path, dict]:
    """A new directory ROOT/<local time> holding the backup. It is assembled under a hidden
    name and renamed at the end, so a directory with a timestamp name is always complete."""
    vendor = _vendor()
    if connection.in_atomic_block:
        # Uncommitted rows would be missed (PostgreSQL), or SQLite's backup would wait forever
        # on this connection's own write lock.
        raise BackupError("备份不能在数据库事务之中运行")
    root.mkdir(parents=True, exist_ok=True)
    created = timezone.localtime()
    final = root / created.strftime("%Y%m%d-%H%M%S")
    if final.exists():
        raise BackupError(f"备份目录已存在：{final}（同一秒内只能备份一次）")
    work = root / f".{final.name}.partial"
    work.mkdir(mode=0o700)
    try:
        checkpoints = _copy_checkpoints(work)
        state = _BACKUP_DATABASE[vendor](work / DATABASE_FILES[vendor])
        _copy_media(work)
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "vendor": vendor,
            "database": DATABASE_FILES[vendor],
            "media": MEDIA,
            "audit_checkpoints": checkpoints,
            **state,
            "files": {
                rel: {"sha256": _sha256(work / rel), "bytes": (work / rel).stat().st_size} for rel in _files(work)
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final, manifest


# --- Restore: checks first ----------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{source} 不是一次备份的目录（没有 {MANIFEST}）；请给出 backup 生成的时间戳目录") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{MANIFEST} 已损坏，无法读取：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')!r}")
    return manifest


def _check_files(source: Path, manifest: dict) -> None:
    present = set(_files(source)) - {MANIFEST}
    listed = set(manifest["files"])
    if missing := sorted(listed - present):
        raise BackupError(f"备份不完整：缺少 {missing[0]}（共缺 {len(missing)} 个文件）")
    if extra := sorted(present - listed):
        raise BackupError(f"备份中有清单未列出的文件：{extra[0]}（共 {len(extra)} 个）")
    for rel in sorted(listed):
        if _sha256(source / rel) != manifest["files"][rel]["sha256"]:
            raise BackupError(f"备份文件已损坏：{rel} 的 SHA-256 与清单不符")


def _check_compatible(manifest: dict) -> None:
    vendor = _vendor()
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"这是 {VENDOR_NAMES.get(manifest['vendor'], manifest['vendor'])} 的备份，"
            f"不能恢复到 {VENDOR_NAMES[vendor]} 数据库"
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for app, name in sorted(manifest["migrations"].items()):
        if (app, name) not in known:
            raise BackupError(f"备份来自较新的版本：本程序没有迁移 {app}.{name}。请先升级程序再恢复")


def _check_target_empty(manifest: dict) -> None:
    """Files first (the quick checks), then the database."""
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"上传文件目录不是空的：{media}。请指向一个空目录（LIANXIN_MEDIA_ROOT）")
    checkpoints = _checkpoint_path()
    if manifest["audit_checkpoints"] and checkpoints is None:
        raise BackupError("备份含审计检查点文件，但本机没有设置 LIANXIN_AUDIT_CHECKPOINTS，无处恢复")
    if manifest["audit_checkpoints"] and checkpoints.exists():
        raise BackupError(f"审计检查点文件已存在：{checkpoints}。请先移走它")
    with connection.cursor() as cursor:
        tables = _table_names(cursor, connection.vendor)
    if tables:
        raise BackupError(
            f"目标数据库不是空的（已有 {len(tables)} 张表，如 {tables[0]}）。"
            "恢复只能在新建的空数据库上进行（不要先运行 migrate）"
        )


# --- Restore: writing ---------------------------------------------------------------------------


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    # Through the backup API into Django's own connection: SQLite writes the pages itself, so
    # the target's WAL and shared-memory files stay consistent (a file copy would not).
    with closing(sqlite3.connect(f"{dump.as_uri()}?mode=ro", uri=True)) as backup:
        backup.backup(connection.connection)
    connection.close()  # the next connection runs the init_command again (WAL, foreign keys)


def _restore_postgresql(dump: Path) -> None:
    name = connection.settings_dict["NAME"]
    tool = _pg_tool("pg_restore")
    # One transaction: a failure leaves the database as empty as it was.
    _run(
        [
            tool,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            "-d",
            name,
            str(dump),
        ]
    )


_RESTORE_DATABASE = {"sqlite": _restore_sqlite, "postgresql": _restore_postgresql}


def _restore_files(source: Path, manifest: dict) -> None:
    shutil.copytree(source / manifest["media"], Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    if manifest["audit_checkpoints"]:
        target = _checkpoint_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / manifest["audit_checkpoints"], target)


def _compare_counts(manifest: dict) -> list[str]:
    with connection.cursor() as cursor:
        actual = database_state(cursor, connection.vendor)["tables"]
    expected = manifest["tables"]
    return [
        f"表 {table}：清单 {expected.get(table, '无此表')}，恢复后 {actual.get(table, '无此表')}"
        for table in sorted(expected.keys() | actual.keys())
        if expected.get(table) != actual.get(table)
    ]


def restore(source: Path) -> RestoreReport:
    """Restore the backup in SOURCE onto the configured, empty database and media directory."""
    manifest = read_manifest(source)
    _check_files(source, manifest)
    _check_compatible(manifest)
    _check_target_empty(manifest)
    _RESTORE_DATABASE[manifest["vendor"]](source / manifest["database"])
    _restore_files(source, manifest)
    problems = _compare_counts(manifest)
    chain = verify_chain()
    if chain.problem:
        problems.append(f"审计链校验失败：{chain.problem.reason}")
    return RestoreReport(manifest, problems, chain.checked)
