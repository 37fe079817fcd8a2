"""党群连心 on the workbench (工作台): whoever handles matters (village, township, county office)
sees the open matters at their level and how many are past the time limit; a village its
households on the roll without a visit in 30 days; a party member the households linked to
them, when they were last visited, those due a visit and their open matters.

Counts come from one query per card set on `restrict(user, action)`, with the conditions of the
filters the cards link to (liaison/filters.py, registers/filters.py)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.core.plugins import Card, card_day
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.filters import of_my_households, to_handle_by
from lianxin.liaison.models import Matter
from lianxin.liaison.plugin import Action
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.filters import linked_to, visit_due
from lianxin.registers.models import Household


def cards(user, today) -> list[Card]:
    found = []
    if user.can(Action.LIAISON_HANDLE):
        found += matter_cards(user, today)
    roles = user.roles()
    if Role.VILLAGE in roles:
        found.append(visit_due_card(user, today))
    if Role.MEMBER in roles:
        found += member_cards(user, today)
    return found


def url(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def matter_cards(user, today) -> list[Card]:
    group = _("党群连心")
    overdue = Q(deadline__lt=today)
    counts = (
        Matter.objects.restrict(user, Action.LIAISON_VIEW)
        .filter(to_handle_by(user))
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue),
            next=Min("deadline", filter=~overdue),
            oldest=Min("deadline", filter=overdue),
        )
    )
    return [
        Card(
            _("待我办理的诉求事项"),
            counts["open"],
            url("liaison:matter_list", mine="handle"),
            "warn" if counts["open"] else "info",
            _("最近时限 %(day)s") % {"day": card_day(counts["next"], today)} if counts["next"] else "",
            group,
        ),
        Card(
            _("超期未办结"),
            counts["overdue"],
            url("liaison:matter_list", mine="handle", overdue="true"),
            "danger" if counts["overdue"] else "info",
            _("最早时限 %(day)s") % {"day": card_day(counts["oldest"], today)} if counts["oldest"] else "",
            group,
        ),
    ]


def visit_due_card(user, today) -> Card:
    households = Household.objects.restrict(user, Action.LIAISON_VISIT)
    counts = households.aggregate(
        active=Count("pk", filter=Q(status=HouseholdStatus.ACTIVE)), due=Count("pk", filter=visit_due(today))
    )
    detail = _("在册 %(active)d 户") % counts
    return Card(
        _("30天未走访的农户"),
        counts["due"],
        url("registers:household_list", visit_due="true"),
        "warn" if counts["due"] else "info",
        detail,
        _("党群连心"),
    )


def member_cards(user, today) -> list[Card]:
    group = _("我的联系户")
    households = Household.objects.restrict(user, Action.LIAISON_VIEW).filter(linked_to(user))
    linked = households.aggregate(
        total=Count("pk", distinct=True),
        due=Count("pk", distinct=True, filter=visit_due(today)),
        last=Max("visits__date"),
    )
    matters = (
        Matter.objects.restrict(user, Action.LIAISON_VIEW)
        .filter(of_my_households(user), status=MatterStatus.OPEN)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today)))
    )
    last = linked["last"]
    last_detail = _("最近一次走访 %(day)s") % {"day": card_day(last, today)} if last else _("还没有走访记录")
    if last is not None and last < today - timedelta(days=7):
        last_detail += _("（%(days)d 天前）") % {"days": (today - last).days}
    return [
        Card(
            _("我联系的农户"), linked["total"], url("registers:household_list", mine="true"), "info", last_detail, group
        ),
        Card(
            _("该走访了"),
            linked["due"],
            url("registers:household_list", mine="true", visit_due="true"),
            "warn" if linked["due"] else "info",
            _("30天内没有走访的联系户"),
            group,
        ),
        Card(
            _("联系户的诉求事项"),
            matters["open"],
            url("liaison:matter_list", mine="households", status=MatterStatus.OPEN),
            "danger" if matters["overdue"] else "warn" if matters["open"] else "info",
            _("其中超期 %(n)d 件") % {"n": matters["overdue"]} if matters["overdue"] else _("办理中"),
            group,
        ),
    ]
