"""Migration 0002 empties 审核通过的星 where submitting had copied the applied stars into it
before any review approved one, and keeps it past the task forces' review.

Transactional: SQLite cannot change its schema inside the test's transaction. pytest-django
empties the database afterwards; `divisions_kept` puts the session's division data back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lianxin.conftest import DADING, XIGUO

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("divisions_kept")]

BEFORE = [("rating", "0001_initial")]
AFTER = [("rating", "0002_require_evidence")]
CHAIN = ["township", "taskforce", "office"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_stars_not_yet_approved_are_emptied(db):
    from lianxin.orgs.models import Org

    stars = ["branch", "industry"]
    cases = {  # village: (status, step_index, approved before, approved after)
        XIGUO + "201": ("in_review", 0, stars, []),  # at the township
        XIGUO + "202": ("in_review", 1, stars, []),  # at the task forces
        XIGUO + "203": ("in_review", 2, ["branch"], ["branch"]),  # at the office, after them
        XIGUO + "204": ("returned", 0, stars, []),
        XIGUO + "205": ("publicity", 0, ["branch"], ["branch"]),
        DADING + "002": ("rejected", 2, ["branch"], []),
    }
    try:
        old = migrate(BEFORE)
        Application = old.get_model("rating", "Application")
        for code, (status, index, approved, _after) in cases.items():
            Application.objects.create(
                org_id=Org.objects.get(code=code).pk,
                year=2026,
                stars=stars,
                approved_stars=approved,
                status=status,
                chain=CHAIN,
                step_index=index,
            )
        new = migrate(AFTER)
        rows = dict(new.get_model("rating", "Application").objects.values_list("org__code", "approved_stars"))
        assert rows == {code: after for code, (*_rest, after) in cases.items()}
        migrate(BEFORE)  # and back
    finally:
        migrate(latest())  # every later migration too: the tests after this one need their tables
