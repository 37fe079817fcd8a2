"""What the key-matters lists put on a workbench. A unit's keepers see their open matters,
the overdue ones, and a warning when the list holds fewer than three; the county office sees
the units short of three this month and the overdue matters in its county. Two queries at most,
whatever the number of units."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.plugins import Card
from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.months import first_day
from lianxin.keymatters.overview import count_matters, short_units
from lianxin.keymatters.plugin import Action
from lianxin.keymatters.services import MIN_OPEN, kept_units
from lianxin.orgs.models import Org

GROUP = gettext_lazy("重点事项清单")


def cards(user, today) -> list[Card]:
    return _keeper_cards(user, today) + _office_cards(user, today)


def _keeper_cards(user, today) -> list[Card]:
    if not user.can(Action.KEYMATTERS_KEEP):
        return []
    units = list(kept_units(user).annotate(open_count=count_matters(Q(status=MatterStatus.OPEN))).order_by("code"))
    out = []
    for unit in units:
        base = reverse("keymatters:matter_list") + f"?unit={unit.code}&status={MatterStatus.OPEN}"
        out.append(Card(_("%(u)s 在推重点事项") % {"u": unit.short_name}, unit.open_count, base, group=GROUP))
        if unit.open_count < MIN_OPEN:
            out.append(
                Card(
                    _("%(u)s 重点事项不足3项") % {"u": unit.short_name},
                    unit.open_count,
                    base,
                    tone="warn",
                    detail=_("清单应保持3至6项最紧迫、最难的事项"),
                    group=GROUP,
                )
            )
    return out


def _office_cards(user, today) -> list[Card]:
    if not user.can(Action.KEYMATTERS_REVIEW):
        return []
    month = first_day(today)
    matters = KeyMatter.objects.restrict(user, Action.KEYMATTERS_REVIEW)
    short = short_units(Org.objects.restrict(user, Action.KEYMATTERS_REVIEW), matters, month)
    overdue = matters.filter(status=MatterStatus.OPEN, deadline__lt=today)
    return [
        Card(
            _("重点事项不足3项的单位"),
            short,
            reverse("keymatters:month") + f"?month={month:%Y-%m}&short=true",
            tone="warn",
            group=GROUP,
        ),
        Card(
            _("超期未办结的重点事项"),
            overdue.count(),
            reverse("keymatters:matter_list") + "?overdue=true",
            tone="danger",
            group=GROUP,
        ),
    ]
