"""The system administrator's workbench: locked, long-unused and expired accounts, each card
counting the accounts the user list's state filter shows, in one query whatever their number."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.accounts.models import User
from lianxin.accounts.tests.test_lifecycle import age, post_login
from lianxin.conftest import MENGZHOU, make_user
from lianxin.testing.pages import Page, PageTests, fresh
from lianxin.testing.workbench import cards, check_card

pytestmark = pytest.mark.django_db


def test_sysadmin_sees_locked_unused_and_expired_accounts(users, login, settings):
    settings.LIANXIN_INACTIVE_DAYS = 90
    age(users["village"], 100)
    User.objects.filter(pk=users["office"].pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    User.objects.filter(pk=users["township"].pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    User.objects.filter(pk=users["township"].pk).update(is_active=False)  # disabled already: nothing to do
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(Client(), "member", "wrong")
    client = login(users["sysadmin"])
    assert check_card(client, "已锁定的账号", [users["member"]]).tone == "danger"
    check_card(client, "长期未登录的账号", [users["village"]])
    check_card(client, "已过期的账号", [users["office"]])


def test_business_users_get_no_account_cards(users, login):
    assert "已锁定的账号" not in cards(login(users["office"]))


def add_unused(world, n):
    for i in fresh(world, n):
        age(make_user(f"old{i}", "village", MENGZHOU + "105201"), 200)


class TestWorkbenchPages(PageTests):
    cases = (Page("workbench-sysadmin", lambda w: "/", None, "sysadmin", grow=add_unused),)
