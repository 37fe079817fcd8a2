"""Daily reminders. Idempotent: one reminder of each kind per measure and person (a unique
constraint), so cron may run it any number of times."""

from datetime import date

from django.db import transaction

from lianxin.accounts.models import RoleAssignment
from lianxin.accounts.roles import Role
from lianxin.orgs.choices import OrgLevel
from lianxin.planning.choices import NotificationKind
from lianxin.planning.models import Measure, Notification

DUE_SOON_DAYS = 7


def send_reminders(today: date) -> dict:
    """Measures due within 7 days go to the village's users; overdue ones to the village and
    its township."""
    counts = {}
    with transaction.atomic():
        due = Measure.objects.due_within(DUE_SOON_DAYS, today).select_related("plan__org")
        overdue = Measure.objects.overdue(today).select_related("plan__org")
        counts["due_soon"] = _notify(due, NotificationKind.DUE_SOON, (Role.VILLAGE,))
        counts["overdue"] = _notify(overdue, NotificationKind.OVERDUE, (Role.VILLAGE, Role.TOWNSHIP))
    return counts


def _notify(measures, kind: str, roles) -> int:
    measures = list(measures)
    recipients = {m.pk: {m.plan.org.code, m.plan.org.ancestor_code(OrgLevel.TOWNSHIP)} for m in measures}
    codes = set().union(*recipients.values())
    holders: dict[str, list[int]] = {}
    for user_id, code in RoleAssignment.objects.filter(
        role__in=roles, org__code__in=codes, user__is_active=True
    ).values_list("user_id", "org__code"):
        holders.setdefault(code, []).append(user_id)
    wanted = [
        Notification(user_id=user_id, kind=kind, measure=m, message=_message(m, kind))
        for m in measures
        for code in recipients[m.pk]
        for user_id in holders.get(code, [])
    ]
    before = Notification.objects.filter(kind=kind).count()
    Notification.objects.bulk_create(wanted, batch_size=1000, ignore_conflicts=True)
    return Notification.objects.filter(kind=kind).count() - before


def _message(measure: Measure, kind: str) -> str:
    when = "已逾期" if kind == NotificationKind.OVERDUE else "即将到期"
    return (
        f"{measure.plan.org.short_name}：措施“{measure.description[:60]}”{when}（时间节点 {measure.deadline:%Y-%m-%d}）"
    )
