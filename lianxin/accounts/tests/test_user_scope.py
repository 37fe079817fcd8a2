"""A user page shows only the roles held inside the viewer's scope: 孟州市's administrator
manages a clerk who also serves in 博爱县, and learns nothing about the 博爱县 role."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lianxin.accounts import services
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.conftest import BOAI, XIGUO, make_user
from lianxin.orgs.models import Org

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_counties(users):
    user = make_user("two_counties", Role.TOWNSHIP, XIGUO)
    services.assign_role(Actor.system("tests"), user, Role.OFFICE, Org.objects.get(code=BOAI))
    return user


def test_user_detail_lists_only_roles_in_the_viewers_scope(login, users, two_counties):
    page = login(users["sysadmin"]).get(reverse("accounts:user_detail", kwargs={"pk": two_counties.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    assert XIGUO in body and "西虢镇" in body
    assert BOAI not in body and "博爱县" not in body


def test_user_list_and_its_export_list_only_roles_in_the_viewers_scope(login, users, two_counties):
    client = login(users["sysadmin"])
    body = client.get(reverse("accounts:user_list"), {"q": "two_counties"}).content.decode()
    assert "two_counties" in body and "西虢镇" in body and "博爱县" not in body
    export = client.get(reverse("accounts:user_list"), {"q": "two_counties", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    text = "\n".join(str(v) for row in rows for v in row)
    assert "two_counties" in text and "西虢镇" in text and "博爱县" not in text


def test_filtering_by_role_finds_only_roles_held_in_the_viewers_scope(login, users, two_counties):
    client = login(users["sysadmin"])
    assert "two_counties" in client.get(reverse("accounts:user_list"), {"role": Role.TOWNSHIP}).content.decode()
    assert "two_counties" not in client.get(reverse("accounts:user_list"), {"role": Role.OFFICE}).content.decode()


def test_a_mobile_is_found_only_in_full(login, users):
    client = login(users["sysadmin"])  # `township` has 13800138000, shown as 138****8000
    assert "138****8000" in client.get(reverse("accounts:user_list"), {"q": "13800138000"}).content.decode()
    assert "138****8000" not in client.get(reverse("accounts:user_list"), {"q": "1380013"}).content.decode()
