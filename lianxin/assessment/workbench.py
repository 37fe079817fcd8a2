"""What the assessment puts on a user's workbench: scores waiting on their scorer (in progress
or returned) and, for the office, submitted scores to check — each count the rows of the score
list filtered by that status. One query whatever the data."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.assessment.choices import ScoreStatus
from lianxin.assessment.models import Score
from lianxin.assessment.plugin import Action
from lianxin.core.plugins import Card


def cards(user, today) -> list[Card]:
    scorer, manager = user.can(Action.ASSESSMENT_SCORE), user.can(Action.ASSESSMENT_MANAGE)
    if not (scorer or manager):
        return []
    counts = Score.objects.restrict(user, Action.ASSESSMENT_VIEW).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ScoreStatus.values}
    )
    url = reverse("assessment:score_list") + "?status="
    group = _("日常考核")
    shown = []
    if scorer:
        shown += [
            Card(_("评分中"), counts[ScoreStatus.DRAFT], url + ScoreStatus.DRAFT, "info", group=group),
            Card(_("被退回的评分"), counts[ScoreStatus.RETURNED], url + ScoreStatus.RETURNED, "warn", group=group),
        ]
    if manager:
        shown.append(
            Card(_("已提交待审核"), counts[ScoreStatus.SUBMITTED], url + ScoreStatus.SUBMITTED, "info", group=group)
        )
    return shown
