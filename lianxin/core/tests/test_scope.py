"""The one data-scope mechanism, and a meta-test that every scoped model is covered here."""

import pytest
from django.apps import apps
from hypothesis import given
from hypothesis import strategies as st

from lianxin.accounts.models import RoleAssignment, User
from lianxin.accounts.roles import Action
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record
from lianxin.conftest import BOAI, DADING, XIGUO
from lianxin.core.permissions import in_scope
from lianxin.core.plugins import case_modules
from lianxin.core.scope import code_range, collapse_prefixes, in_range
from lianxin.orgs.models import Org

pytestmark = pytest.mark.django_db


def test_code_range_is_the_next_number_of_the_same_width():
    assert code_range("410883") == ("410883", "410884")
    assert code_range("4109") == ("4109", "4110")
    assert code_range("410899") == ("410899", "410900")
    with pytest.raises(ValueError):
        code_range("41'; --")


DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=12)


@given(prefix=DIGITS, code=st.text(alphabet="0123456789", max_size=14))
def test_a_code_is_in_a_prefix_range_exactly_when_it_starts_with_the_prefix(prefix, code):
    assert in_range(code, prefix) == code.startswith(prefix)


@given(prefixes=st.lists(DIGITS, max_size=6), code=st.text(alphabet="0123456789", max_size=14))
def test_collapsed_prefixes_cover_the_same_codes(prefixes, code):
    collapsed = collapse_prefixes(prefixes)
    assert in_scope(collapsed, code) == any(code.startswith(p) for p in prefixes)
    assert len(collapsed) <= len(set(prefixes))


def test_collapse_prefixes_keeps_the_widest():
    assert collapse_prefixes(["410883105", "410883", "410822"]) == ["410822", "410883"]


def test_restrict_uses_a_range_not_like():
    sql = str(Org.objects.filter(pk__gt=0).restrict(_user_with_prefix(XIGUO), Action.ORGS_VIEW).query)
    assert "LIKE" not in sql.upper()
    assert ">= 410883105" in sql and "< 410883106" in sql


def _user_with_prefix(code):
    class FakeUser:
        is_authenticated = is_active = True

        def scope_prefixes(self, action):
            return [code]

    return FakeUser()


# Every model whose manager offers restrict() must have a case here: a function giving
# (object in the user's scope, object outside it), the user and the action. A new scoped
# model fails the meta-test below until it is added.
def _org_cases(users, plans):
    return Org.objects.get(code=XIGUO + "201"), Org.objects.get(code=DADING + "002")


def _assignment_cases(users, plans):
    return users["township"].role_assignments.get(), users["office_boai"].role_assignments.get()


def _user_cases(users, plans):
    return users["township"], users["office_boai"]


def _event_cases(users, plans):
    inside = record(Actor.system("t"), "test.inside", org_code=XIGUO + "201")
    outside = record(Actor.system("t"), "test.outside", org_code=BOAI)
    return inside, outside


# The core's own models; each app brings its own in `SCOPED_MODEL_CASES` of the test-case
# module its plugin names.
SCOPED_MODEL_CASES = {
    Org: (_org_cases, "township", Action.ORGS_VIEW),
    RoleAssignment: (_assignment_cases, "sysadmin", Action.USERS_VIEW),
    User: (_user_cases, "sysadmin", Action.USERS_VIEW),
    AuditEvent: (_event_cases, "auditor", Action.AUDIT_VIEW),
}
for _module in case_modules():
    SCOPED_MODEL_CASES |= _module.SCOPED_MODEL_CASES


def test_every_scoped_model_has_a_case():
    scoped = {m for m in apps.get_models() if hasattr(m._default_manager, "restrict")}
    assert scoped == set(SCOPED_MODEL_CASES), "add a case for each new scoped model"


@pytest.mark.parametrize("model", list(SCOPED_MODEL_CASES), ids=lambda m: m.__name__)
def test_restrict_keeps_in_scope_and_hides_the_rest(model, users, plans):
    cases, username, action = SCOPED_MODEL_CASES[model]
    inside, outside = cases(users, plans)
    visible = model.objects.restrict(users[username], action)
    assert visible.filter(pk=inside.pk).exists()
    assert not visible.filter(pk=outside.pk).exists()


@pytest.mark.parametrize("model", list(SCOPED_MODEL_CASES), ids=lambda m: m.__name__)
def test_restrict_gives_nothing_without_the_role(model, users):
    assert not model.objects.restrict(users["nobody"], Action.ORGS_VIEW).exists()
    assert not model.objects.restrict(users["township"], Action.AUDIT_VIEW).exists()


def test_township_sees_exactly_its_own_villages(users):
    visible = Org.objects.restrict(users["township"], Action.ORGS_VIEW)
    codes = set(visible.values_list("code", flat=True))
    assert codes == set(Org.objects.filter(code__startswith=XIGUO).values_list("code", flat=True))
    assert all(c.startswith(XIGUO) for c in codes) and len(codes) > 10


def test_deactivated_user_sees_nothing(users):
    user = users["office"]
    user.is_active = False
    assert not Org.objects.restrict(user, Action.ORGS_VIEW).exists()
