"""Review steps past their deadline, rung on the core's bell (`lianxin.core.notifications`) to
the people who must decide them; run daily by `manage.py rating_reminders`. Idempotent: a step
is marked when first reminded, and its reminder's key names the step
(`rating.step.overdue:<id>`), once per person."""

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from lianxin.accounts.models import RoleAssignment
from lianxin.core.notifications import Reminder, ring
from lianxin.rating import services, workdays
from lianxin.rating.choices import StepStatus
from lianxin.rating.models import ReviewStep
from lianxin.rating.plugin import PLUGIN


def remind_overdue(day=None) -> list[ReviewStep]:
    """Pending steps past their deadline not yet reminded: mark them, ring their reviewers and
    return them (the command lists them)."""
    day = day or workdays.today()
    with transaction.atomic():
        steps = list(
            ReviewStep.objects.select_for_update(of=("self",))
            .filter(status=StepStatus.PENDING, deadline__lt=day, reminded_at__isnull=True)
            .select_related("application__org", "reviewer_org")
        )
        ReviewStep.objects.filter(pk__in=[s.pk for s in steps]).update(reminded_at=timezone.now())
        ring(_reminders(steps))
    return steps


def _reminders(steps: list[ReviewStep]) -> list[Reminder]:
    """Each step goes to the active users holding its reviewing role at its reviewer org: the
    township's users for the township's review, the task force's for its star, the creation
    office's for the decision."""
    roles = {kind: PLUGIN.actions[action] for kind, action in services.STEP_ACTIONS.items()}
    holders = defaultdict(list)
    for user_id, org_id, role in RoleAssignment.objects.filter(
        org_id__in={s.reviewer_org_id for s in steps}, user__is_active=True
    ).values_list("user_id", "org_id", "role"):
        holders[org_id, role].append(user_id)
    return [
        Reminder(
            user_id,
            f"rating.step.overdue:{step.pk}",
            _message(step),
            reverse("rating:application_detail", args=[step.application_id]),
        )
        for step in steps
        for role in roles[step.kind]
        for user_id in holders[step.reviewer_org_id, role]
    ]


def _message(step: ReviewStep) -> str:
    """Stored as written, so in Chinese whatever the language of the job that rings it."""
    application = step.application
    with translation.override("zh-hans"):
        star = f"（{step.get_star_display()}）" if step.star else ""
        return (
            f"{application.org.short_name}{application.year}年{application.get_kind_display()}："
            f"{step.get_kind_display()}{star}已超过办理时限（{step.deadline:%Y-%m-%d}），请尽快办理"
        )
