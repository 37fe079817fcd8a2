"""What the apps declare in their plugin modules, checked: every navigation entry opens for
every user it is shown to, every audit event and action is named by the app that owns it, and
the import contracts allow exactly the dependencies the plugins declare."""

import configparser
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from lianxin.core.plugins import demo_order, nav_items, plugins, role_actions

EVENT_NAME = re.compile(r"^[a-z]+\.[a-z_]+\.[a-z_]+$")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["office", "township", "village", "member", "sysadmin", "auditor", "nobody"])
def test_every_navigation_entry_opens_for_whoever_is_shown_it(login, users, plans, role):
    client = login(users[role])
    body = client.get("/").content.decode()
    nav = body[body.index('id="sidenav"') : body.index("</aside>")]
    links = re.findall(r'href="([^"]+)"', nav)
    assert links, f"{role} is shown no navigation"
    for url in links:
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{role}: {url} answered {response.status_code}"


@pytest.mark.django_db
def test_a_village_is_not_offered_statistics_it_cannot_open(login, users):
    body = login(users["village"]).get("/").content.decode()
    assert reverse("rating:stats_home") not in body
    assert reverse("rating:stats_home") in login(users["township"]).get("/").content.decode()


def test_every_audit_event_is_named_by_its_app_in_both_languages():
    for label, plugin in plugins().items():
        for code, name in plugin.audit_labels.items():
            assert EVENT_NAME.match(code), f"{code}: event names are app.object.verb"
            assert code.split(".")[0] == label, f"{code} is declared by {label}"
            assert name.zh and name.en and name.zh != name.en, code


def test_every_action_belongs_to_the_app_that_declares_it():
    seen = set()
    for label, plugin in plugins().items():
        for action, roles in plugin.actions.items():
            assert action.split(".")[0] in (label, "accounts", "orgs", "audit"), action
            assert action not in seen, f"{action} declared twice"
            assert roles, f"{action} is held by no role"
            seen.add(action)
    assert set().union(*role_actions().values()) == seen


def test_navigation_entries_name_declared_actions():
    declared = {action for plugin in plugins().values() for action in plugin.actions}
    for item in nav_items():
        assert item.action is None or item.action in declared, item.url_name
        reverse(item.url_name)


def test_demos_load_after_what_they_depend_on():
    order = demo_order()
    for label in order:
        for dependency in plugins()[label].depends_on:
            if plugins()[dependency].demo:
                assert order.index(dependency) < order.index(label)


def test_import_contracts_allow_exactly_the_declared_dependencies():
    config = configparser.ConfigParser()
    config.read(Path(settings.BASE_DIR) / ".importlinter")
    lines = config["importlinter:contract:independence"]["ignore_imports"].split("\n")
    allowed = {
        tuple(part.strip().split(".")[1] for part in line.split("->"))
        for line in lines
        if line.strip() and "conftest" not in line
    }
    declared = {(label, dep) for label, plugin in plugins().items() for dep in plugin.depends_on}
    assert allowed == declared
    independent = set(config["importlinter:contract:independence"]["modules"].split())
    core = {"core", "orgs", "accounts", "audit", "registers"}
    assert independent == {f"lianxin.{label}" for label in plugins() if label not in core}
