"""评星定级 on the workbench (工作台): a village sees its application's state and what is asked
of it (the reason it was returned or refused); every reviewer — township, task force, office —
the reviews waiting for them with their deadlines (the queue's rows); the office the pipeline
(applications per stage), publicity periods ending, pending objections and the use of quotas.

One query per card set on `restrict(user, action)`, counted with the conditions of the
application list's filters (filters.py), so each count opens exactly its rows."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Max, Min, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.plugins import Card, card_day
from lianxin.orgs.choices import OrgLevel
from lianxin.rating.choices import ApplicationStatus, StepKind
from lianxin.rating.filters import has_pending_objection, publicity_ending
from lianxin.rating.models import Application, Quota
from lianxin.rating.plugin import Action
from lianxin.rating.services import steps_awaiting

REVIEW_ACTIONS = (Action.RATING_REVIEW_TOWNSHIP, Action.RATING_REVIEW_STAR, Action.RATING_DECIDE)
DUE_SOON_DAYS = 3
# The pipeline after the review chain.
LATER_STAGES = (ApplicationStatus.APPROVED, ApplicationStatus.PUBLICITY, ApplicationStatus.DETERMINED)


def cards(user, today) -> list[Card]:
    found = []
    if user.can(Action.RATING_APPLY):
        found += village_cards(user, today)
    if any(user.can(action) for action in REVIEW_ACTIONS):
        found.append(queue_card(user, today))
    if user.can(Action.RATING_DECIDE):
        found += office_cards(user, today)
    return found


def applications_url(**query) -> str:
    return f"{reverse('rating:application_list')}?{urlencode(query)}"


def village_cards(user, today) -> list[Card]:
    group, year = _("评星定级"), today.year
    applications = Application.objects.restrict(user, Action.RATING_APPLY).filter(year=year)
    counts = applications.aggregate(
        total=Count("pk"),
        returned_reason=Max("return_reason", filter=Q(status=ApplicationStatus.RETURNED)),
        rejected_reason=Max("reject_reason", filter=Q(status=ApplicationStatus.REJECTED)),
        step=Max("step_kind", filter=Q(status=ApplicationStatus.IN_REVIEW)),
        **{f"n_{status}": Count("pk", filter=Q(status=status)) for status in ApplicationStatus.values},
    )
    if not counts["total"]:
        detail = _("%(year)d 年度尚未申报") % {"year": year}
        return [Card(_("本年度评星申报"), 0, reverse("rating:application_create"), "info", detail, group)]
    details = {
        ApplicationStatus.RETURNED: _("退回理由：%(reason)s") % {"reason": counts["returned_reason"] or _("未填写")},
        ApplicationStatus.REJECTED: _("理由：%(reason)s") % {"reason": counts["rejected_reason"] or _("未填写")},
        ApplicationStatus.DRAFT: _("补齐佐证材料后提交"),
        ApplicationStatus.IN_REVIEW: _("当前环节：%(step)s") % {"step": StepKind(counts["step"]).label}
        if counts["step"]
        else "",
    }
    tones = {ApplicationStatus.RETURNED: "danger", ApplicationStatus.DRAFT: "warn"}
    return [
        Card(
            _("申报%(status)s") % {"status": status.label},
            counts[f"n_{status}"],
            applications_url(year=year, status=status),
            tones.get(status, "info"),
            details.get(status, ""),
            group,
        )
        for status in ApplicationStatus
        if counts[f"n_{status}"]
    ]


def queue_card(user, today) -> Card:
    """The reviews waiting for this user: the rows of the queue page (one query)."""
    steps = steps_awaiting(user)
    overdue = sum(step.deadline < today for step in steps)
    soon = sum(today <= step.deadline <= today + timedelta(days=DUE_SOON_DAYS) for step in steps)
    parts = []
    if steps:
        parts.append(_("最近时限 %(day)s") % {"day": card_day(steps[0].deadline, today)})
    if overdue:
        parts.append(_("已逾期 %(n)d 件") % {"n": overdue})
    tone = "danger" if overdue else "warn" if soon else "info"
    return Card(_("待我审核的申报"), len(steps), reverse("rating:queue"), tone, "；".join(parts), _("评星定级"))


def office_cards(user, today) -> list[Card]:
    year = today.year
    applications = Application.objects.restrict(user, Action.RATING_DECIDE).filter(year=year)
    in_review = Q(status=ApplicationStatus.IN_REVIEW)
    stages = {kind: in_review & Q(step_kind=kind) for kind in StepKind.values}
    counts = applications.aggregate(
        **{f"n_{kind}": Count("pk", filter=condition) for kind, condition in stages.items()},
        **{f"n_{status}": Count("pk", filter=Q(status=status)) for status in LATER_STAGES},
        ending=Count("pk", filter=publicity_ending(today)),
        ending_on=Min("publicity__end_date", filter=publicity_ending(today)),
        objections=Count("pk", filter=has_pending_objection()),
    )
    pipeline = _("评星进度")
    found = [
        Card(
            StepKind(kind).label,
            counts[f"n_{kind}"],
            applications_url(year=year, status=ApplicationStatus.IN_REVIEW, step_kind=kind),
            group=pipeline,
        )
        for kind in StepKind.values
    ]
    found += [
        Card(
            status.label,
            counts[f"n_{status}"],
            applications_url(year=year, status=status),
            group=pipeline,
        )
        for status in LATER_STAGES
    ]
    group = _("评星定级")
    ending_detail = (
        _("最早 %(day)s 截止") % {"day": card_day(counts["ending_on"], today)} if counts["ending_on"] else ""
    )
    found += [
        Card(
            _("公示即将结束"),
            counts["ending"],
            applications_url(year=year, attention="ending"),
            "warn" if counts["ending"] else "info",
            ending_detail,
            group,
        ),
        Card(
            _("有待处理异议的申报"),
            counts["objections"],
            applications_url(year=year, attention="objection"),
            "danger" if counts["objections"] else "info",
            _("公示期内群众提出的异议"),
            group,
        ),
        quota_card(user, year, group),
    ]
    return found


def quota_card(user, year: int, group: str) -> Card:
    used = (
        Quota.objects.restrict(user, Action.RATING_DECIDE)
        .filter(year=year)
        .aggregate(used=Sum("used"), limit=Sum("limit"))
    )
    county = user.home_org
    url = None
    if county is not None and county.level == OrgLevel.COUNTY and county.is_geographic:
        url = reverse("rating:settings", kwargs={"code": county.code})
    if not used["limit"]:
        return Card(_("名额使用"), None, url, "info", _("本年度尚未设定名额"), group)
    detail = _("已用 %(used)d / 共 %(limit)d 个名额") % used
    return Card(_("名额使用"), used["used"], url, "warn" if used["used"] >= used["limit"] else "info", detail, group)
