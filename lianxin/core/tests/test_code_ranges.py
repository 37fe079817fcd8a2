"""Prefix scans on division codes are ranges (architecture §8): `__startswith` is LIKE, which
SQLite does not serve from the index. Application code (not tests or migrations) never filters a
code with it; `prefix_q()` / `code_range()` in core/scope.py give the range."""

import re
from pathlib import Path

import pytest

import lianxin
from lianxin.audit.services import Actor, record
from lianxin.conftest import DADING, XIGUO

ROOT = Path(lianxin.__file__).parent
# An ORM lookup on a field whose path names a code (org__code, org_code, code), or a
# django-filter filter on such a field by prefix.
LOOKUP = re.compile(r"\w*code\w*__i?startswith")
FILTER = re.compile(r"(\w*code\w*)\s*=\s*django_filters\.\w+\([^\n]*lookup_expr=[\"']i?startswith[\"']")


def _application_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
            continue
        yield path


def _like_on_codes(text: str) -> list[str]:
    return LOOKUP.findall(text) + FILTER.findall(text)


def test_the_check_sees_both_forms():
    assert _like_on_codes("Org.objects.filter(org__code__startswith=x)") == ["org__code__startswith"]
    line = 'org_code = django_filters.CharFilter(label=_("x"), lookup_expr="startswith")'
    assert _like_on_codes(line) == ["org_code"]
    assert _like_on_codes("Q(mobile__startswith=value)") == []


def test_no_startswith_on_division_codes_in_application_code():
    found = {
        str(path.relative_to(ROOT)): hits for path in _application_files() if (hits := _like_on_codes(path.read_text()))
    }
    assert not found, "use prefix_q() / code_range() from lianxin/core/scope.py"


@pytest.mark.django_db
def test_audit_events_filtered_by_an_org_code_are_those_under_it(login, users):
    for action, code in (("test.township", XIGUO), ("test.village", XIGUO + "201"), ("test.neighbour", DADING)):
        record(Actor.system("t"), action, org_code=code)
    body = login(users["auditor"]).get("/audit/", {"action": "test.", "org_code": XIGUO}).content.decode()
    assert "test.township" in body and "test.village" in body and "test.neighbour" not in body
