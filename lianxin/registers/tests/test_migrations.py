"""Migration 0003 (consent to ID numbers, departure): ID numbers stored before consent was
recorded are kept, not deleted, and show as 同意未登记; going back keeps them too.
`transaction=True`, as migrations cannot run inside the test's transaction."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lianxin.registers.models import Household
from lianxin.registers.tests import factories as f

BEFORE = [("registers", "0002_own_table_names")]
ID = "410883199001011230"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "registers"]


@pytest.mark.django_db(transaction=True)
def test_numbers_stored_before_consent_are_kept_and_flagged(divisions_kept):
    try:
        old_apps = migrate(BEFORE)
        old_household = old_apps.get_model("registers", "Household")
        village = old_apps.get_model("orgs", "Org").objects.get(code=f.XIGUO_VILLAGE)
        old_household.objects.create(org=village, number="001", head_name="王建国", head_id_number=ID)
        migrate(latest())
        h = Household.objects.get()
        assert (h.head_id_number, h.consent_given, h.status, h.left_on) == (ID, False, "active", None)
        assert h.consent_missing
        migrate(BEFORE)
        assert old_household.objects.get().head_id_number == ID
    finally:
        migrate(latest())
