"""The live system of the backup drill (test_backup.py), run in processes of its own through
`manage.py shell -c`, as the application and its users would run against a real database."""

import os
import time
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from lianxin.conftest import DATA_DIR, XIGUO
from lianxin.liaison import services
from lianxin.liaison.choices import VisitWay
from lianxin.liaison.tests.factories import SYSTEM, XIGUO_VILLAGE, household, photo
from lianxin.orgs.importer import import_divisions

WORLD_HOUSEHOLDS = 3


def world() -> None:
    """A migrated database with 西虢镇, households, and visits with photos (uploaded files)."""
    call_command("migrate", verbosity=0)
    import_divisions(DATA_DIR, SYSTEM, prefix=XIGUO)
    for n in range(WORLD_HOUSEHOLDS):
        visited = household(number=f"{n + 1:03d}")
        services.log_visit(
            SYSTEM, visited, member=None, day=timezone.localdate(), way=VisitWay.DOOR, photo=photo(f"v{n}.jpg")
        )


def write(stop: str, progress: str) -> None:
    """Add households, each with its audit event, until STOP exists; PROGRESS holds the count."""
    done = 0
    while not Path(stop).exists():
        done += 1
        household(XIGUO_VILLAGE, number=f"w{done:05d}", head_name="张三")
        Path(progress + ".tmp").write_text(str(done))
        os.replace(progress + ".tmp", progress)
        time.sleep(0.02)  # leave the shared CPU to the backup
