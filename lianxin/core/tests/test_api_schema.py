"""The API keeps its own schema (security review point 7, security.md item 17). schemathesis
reads /api/schema/ and sends every operation generated requests — valid ones and ones that
break the schema — through the WSGI application, in-process, as three roles in turn (office,
township, village, each with its own token). No answer may be a server error, use a status
code or content type the schema does not document, or differ from the documented body; a
request that breaks the schema must be refused; and no answer may name an org outside the
caller's scope (a neighbour's or another county's).

The world holds the sample standard and two plans (the `plans` fixture) and what every app's
test cases make for the out-of-scope walk (`out_of_scope_cases` in each plugin's `test_cases`
module): of each kind, rows inside and outside each role's scope.

Bounded for CI, which runs it on SQLite and PostgreSQL: reads get schemathesis's coverage
phase (every boundary and malformed value of their path and query parameters), every
operation a few fuzzed cases, with a fixed seed. Each generated request goes out once per role,
so the roles share one world and one generation.

Run it alone: `.venv/bin/python -m pytest -q lianxin/core/tests/test_api_schema.py`.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

from lianxin.core.plugins import case_modules
from lianxin.wsgi import application

ROLES = ("office", "township", "village")
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "unsupported_method",
)
CONFIG = {
    "seed": 7,
    "generation": {
        "mode": "all",
        "max-examples": 5,
        "deterministic": True,
        "database": "none",
        # The token goes in each request below; schemathesis makes up no credentials.
        "with-security-parameters": False,
    },
    # Not positive_data_acceptance: a request the schema allows may still break a business rule
    # (400 with the rule's Chinese reason), e.g. a plan for a year without a standard.
    "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    # Writes: fuzzing only. Their coverage phase (every boundary of every body field) would
    # take minutes; their bodies go through serializers, which the fuzzing already reaches.
    "operations": [{"include-method": ["POST", "PUT", "PATCH"], "phases": {"coverage": {"enabled": False}}}],
}


@pytest.fixture
def world(users, plans):
    for module in case_modules():
        module.out_of_scope_cases(users, plans)


@pytest.fixture
def callers(users, world) -> dict:
    """role -> (Authorization header, the codes of the orgs the user's roles sit at)."""
    out = {}
    for role in ROLES:
        user = users[role]
        # identity: schemathesis's WSGI transport reads bodies as sent, and JSON is gzipped for
        # clients that accept it (core/middleware.py TextGZipMiddleware).
        header = {"Authorization": f"Token {Token.objects.create(user=user).key}", "Accept-Encoding": "identity"}
        out[role] = (header, [a.org.code for a in user.role_assignments.select_related("org")])
    return out


@pytest.fixture
def app():
    """The WSGI application, with the test's database connection kept open: at the end of each
    request Django closes a connection that is inside a transaction (the test's), which on
    PostgreSQL ends the test. Django's own test client unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(app, callers):
    header, _ = callers["office"]
    config = schemathesis.Config.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi("/api/schema/", app, config=config, headers=header)


@pytest.fixture(autouse=True)
def pytest_node_id(request):
    """schemathesis 4.32's from_fixture renames each operation's report through `_nodeid`,
    which pytest 9.2 no longer has: give it one."""
    request.node._nodeid = request.node.nodeid


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_role_gets_what_the_schema_promises(case, callers):
    for role in ROLES:
        header, homes = callers[role]
        response = case.call_and_validate(headers=header)
        if response.headers.get("content-type", [""])[0].startswith("application/json"):
            outside = sorted(c for c in set(org_codes(response.json())) if not in_scope(c, homes))
            assert not outside, f"{role} was shown orgs outside its scope: {outside}"


def org_codes(data):
    """Every `org` code in an answer, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "org" and isinstance(value, str):
                yield value
            else:
                yield from org_codes(value)
    elif isinstance(data, list):
        for item in data:
            yield from org_codes(item)


def in_scope(code: str, homes) -> bool:
    """An object's org a user may see: one under an org the user's roles sit at, or one above
    it (a province's standard is everyone's)."""
    return any(code.startswith(home) or home.startswith(code) for home in homes)
