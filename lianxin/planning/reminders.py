"""Daily reminders about measures, rung on the core's bell (`lianxin.core.notifications`).
Idempotent: a reminder's key names the measure and the kind (`planning.measure.overdue:123`),
once per person, so cron may run it any number of times."""

from datetime import date

from django.urls import reverse

from lianxin.accounts.models import RoleAssignment
from lianxin.accounts.roles import Role
from lianxin.core.notifications import Reminder, ring
from lianxin.orgs.choices import OrgLevel
from lianxin.planning.models import Measure

DUE_SOON_DAYS = 7
# Kind of reminder -> how its message says it; the kind is part of the key.
WHEN = {"due_soon": "即将到期", "overdue": "已逾期"}


def send_reminders(today: date) -> dict:
    """Measures due within 7 days go to the village's users; overdue ones to the village and
    its township. Returns how many reminders of each kind were new."""
    due = Measure.objects.due_within(DUE_SOON_DAYS, today).select_related("plan__org")
    overdue = Measure.objects.overdue(today).select_related("plan__org")
    return {
        "due_soon": ring(_reminders(due, "due_soon", (Role.VILLAGE,))),
        "overdue": ring(_reminders(overdue, "overdue", (Role.VILLAGE, Role.TOWNSHIP))),
    }


def _reminders(measures, kind: str, roles) -> list[Reminder]:
    measures = list(measures)
    recipients = {m.pk: {m.plan.org.code, m.plan.org.ancestor_code(OrgLevel.TOWNSHIP)} for m in measures}
    codes = set().union(*recipients.values())
    holders: dict[str, list[int]] = {}
    for user_id, code in RoleAssignment.objects.filter(
        role__in=roles, org__code__in=codes, user__is_active=True
    ).values_list("user_id", "org__code"):
        holders.setdefault(code, []).append(user_id)
    return [
        Reminder(
            user_id,
            f"planning.measure.{kind}:{m.pk}",
            _message(m, kind),
            reverse("planning:measure_detail", args=[m.pk]),
        )
        for m in measures
        for code in recipients[m.pk]
        for user_id in holders.get(code, [])
    ]


def _message(measure: Measure, kind: str) -> str:
    return (
        f"{measure.plan.org.short_name}：措施“{measure.description[:60]}”{WHEN[kind]}"
        f"（时间节点 {measure.deadline:%Y-%m-%d}）"
    )
