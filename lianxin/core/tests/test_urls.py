"""Deny by default, walked over every URL pattern (security.md items 6–7).

Every route is found from the URL resolver, so a new page or endpoint is covered the moment it
is added: anonymous users are sent to the login page (API: 401), users without the role get
403, and a route that takes an object must have an out-of-scope case below or this test fails.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record
from lianxin.conftest import BOAI, DADING, MENGZHOU, XIGUO
from lianxin.core.models import ExportJob
from lianxin.core.plugins import case_modules, public_routes

pytestmark = pytest.mark.django_db

# Routes open without login, and why.
PUBLIC = public_routes()


def walk(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            if "format" in entry.pattern.regex.groupindex:
                continue  # DRF's `.json` suffix twins of the routes below
            yield f"{namespace}{entry.name}", entry


ROUTES = dict(walk())


def is_api(entry) -> bool:
    return hasattr(getattr(entry.callback, "cls", None), "permission_classes")


def view_action(entry):
    view = getattr(entry.callback, "view_class", None) or getattr(entry.callback, "cls", None)
    return getattr(view, "permission_action", "<missing>")


def sample_kwargs(entry, users) -> dict:
    """In-scope values for the township user at 西虢镇 (or the user's own records)."""
    values = {"code": XIGUO, "pk": users["township"].pk, "seq": 1, "star": "branch", "measure": 1, "task": 1, "item": 1}
    values["token"] = "no-such-token"  # a public page's unguessable token (points: a household's plaque)
    return {name: values[name] for name in entry.pattern.regex.groupindex}


def test_every_route_is_public_by_decision_or_names_an_action():
    for name, entry in ROUTES.items():
        if name in PUBLIC or name in ("api-schema", "api-docs"):
            continue
        assert view_action(entry) != "<missing>", f"{name}: view must set permission_action"


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_anonymous_is_sent_to_login(client, users, name):
    entry = ROUTES[name]
    url = reverse(name, kwargs=sample_kwargs(entry, users))
    response = client.get(url)
    if name in PUBLIC:  # open without login; a sample token names nothing (404)
        assert response.status_code in (200, 302, 404, 405)
    elif is_api(entry):
        assert response.status_code == 401, url
    else:
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_user_without_the_role_is_refused(login, users, name):
    entry = ROUTES[name]
    if name in PUBLIC or view_action(entry) is None or name in ("api-schema", "api-docs"):
        return
    response = login(users["nobody"]).get(reverse(name, kwargs=sample_kwargs(entry, users)))
    assert response.status_code == 403, name


# Route -> (user, kwargs of an object that exists but lies outside that user's scope): the
# core's routes here, each app's from the test-case module its plugin names.
def out_of_scope_cases(users, plans):
    event = record(Actor.system("t"), "test.outside", org_code=BOAI)
    job = ExportJob.objects.create(user=users["office"], title="x", filename="x.xlsx", path="/", status="done")
    cases = {
        "orgs:detail": ("township", {"code": DADING}),
        "orgs:unit_create": ("office_boai", {"code": MENGZHOU}),
        "accounts:user_detail": ("sysadmin", {"pk": users["office_boai"].pk}),
        "mfa:reset": ("sysadmin", {"pk": users["office_boai"].pk}),
        "audit:event_detail": ("auditor", {"seq": event.seq}),
        "org-detail": ("township", {"code": DADING}),
        "audit-event-detail": ("auditor", {"seq": event.seq}),
        "core:export_download": ("office_boai", {"pk": job.pk}),  # another user's export
    }
    for module in case_modules():
        cases |= module.out_of_scope_cases(users, plans)
    return cases


# Routes whose out-of-scope answer is checked with POST (they only accept POST).
POST_ONLY = set().union(*(module.POST_ONLY for module in case_modules()))


def test_every_route_with_an_object_has_an_out_of_scope_case(users, plans):
    with_objects = {name for name, entry in ROUTES.items() if entry.pattern.regex.groupindex}
    assert with_objects == set(out_of_scope_cases(users, plans)), "add an out-of-scope case for each new route"


def test_out_of_scope_is_404_everywhere(login, users, plans):
    for name, (username, kwargs) in out_of_scope_cases(users, plans).items():
        url = reverse(name, kwargs=kwargs)
        client = login(users[username])
        response = client.post(url, {"reason": "x"}) if name in POST_ONLY else client.get(url)
        assert response.status_code == 404, f"{name} {url} gave {response.status_code}"


def test_in_scope_objects_are_served(login, users):
    assert login(users["township"]).get(reverse("orgs:detail", kwargs={"code": XIGUO})).status_code == 200
    assert login(users["office"]).get(reverse("orgs:unit_create", kwargs={"code": MENGZHOU})).status_code == 200
    assert (
        login(users["sysadmin"]).get(reverse("accounts:user_detail", kwargs={"pk": users["township"].pk})).status_code
        == 200
    )
    seq = AuditEvent.objects.filter(org_code__startswith=MENGZHOU).values_list("seq", flat=True).first()
    assert login(users["auditor"]).get(reverse("audit:event_detail", kwargs={"seq": seq})).status_code == 200


def test_unsafe_requests_need_the_csrf_token(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["office"])
    response = client.post(reverse("orgs:unit_create", kwargs={"code": MENGZHOU}), {"kind": "taskforce", "name": "x"})
    assert response.status_code == 403
    api = client.post("/api/v1/orgs/", {})
    assert api.status_code in (403, 405)
