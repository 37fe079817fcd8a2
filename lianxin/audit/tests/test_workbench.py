"""The auditor's workbench: the audit chain's state from the newest signed checkpoint (a cut
tail or a rewritten pinned event shows at once), and the week's sensitive events, each card
counting the events its link to the audit list shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from lianxin.accounts.roles import Action
from lianxin.audit.models import AuditEvent
from lianxin.audit.tests.test_tamper import (
    chain,  # noqa: F401 (a fixture)
    rewrite,
)
from lianxin.conftest import PASSWORD
from lianxin.testing.pages import Page, PageTests, fresh
from lianxin.testing.workbench import cards, check_card

pytestmark = pytest.mark.django_db


def failed_login(username="village"):
    Client().post("/accounts/login/", {"username": username, "password": PASSWORD + "x"})


def test_chain_without_a_checkpoint_warns(users, login):
    card = cards(login(users["auditor"]))["审计链"]
    assert card.tone == "warn" and card.detail.startswith("尚无签名检查点")


def test_intact_chain_names_its_newest_checkpoint(chain, users, login):  # noqa: F811
    events = chain(12)
    card = cards(login(users["auditor"]))["审计链"]
    last = AuditEvent.objects.order_by("-seq").first().seq
    assert card.tone == "info" and card.count == last
    assert f"最近检查点 #{events[9].seq}" in card.detail


def test_cut_tail_is_danger(chain, users, login):  # noqa: F811
    last = chain(12)[-1].seq
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq > %s", [last - 5])
    card = cards(login(users["auditor"]))["审计链"]
    assert card.tone == "danger" and card.detail.startswith("尾部被截断")


def test_rewritten_pinned_event_is_danger(chain, users, login):  # noqa: F811
    pinned = chain(12)[9].seq
    rewrite(pinned, lambda event: event.compute_hash(), username="someone_else")
    card = cards(login(users["auditor"]))["审计链"]
    assert card.tone == "danger" and "链已被改写" in card.detail


def test_sensitive_events_of_the_week(users, login):
    failed_login()
    failed_login("office")
    client = login(users["auditor"])
    since = timezone.localdate() - timedelta(days=6)
    visible = AuditEvent.objects.restrict(users["auditor"], Action.AUDIT_VIEW).filter(created_at__date__gte=since)
    failures = visible.filter(action="accounts.session.login_failed")
    assert failures.count() == 2
    assert check_card(client, "登录失败", failures).tone == "warn"
    grants = visible.filter(action__startswith="accounts.role.")
    assert grants.count() == 7  # the `users` fixture's grants in 孟州市 (not office_boai's in 博爱县)
    check_card(client, "角色授予与撤销", grants)
    check_card(client, "导出个人信息", [])


def add_failures(world, n):
    for _ in fresh(world, n):
        failed_login()


class TestWorkbenchPages(PageTests):
    cases = (Page("workbench-auditor", lambda w: "/", None, "auditor", grow=add_failures),)
