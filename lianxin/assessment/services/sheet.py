"""The 成效 round's starting sheet: each village's star self-assessment of the year, read from
planning (the village's judgement of every work item and the township's confirmation), so that
the judges and the site visit start from what the village itself reported against the
provincial standard. A plain read: one query per entry added."""

from django.utils.translation import gettext as _

from lianxin.orgs.models import Org
from lianxin.planning.choices import ReviewStatus
from lianxin.planning.models import PlanStar, SelfAssessment

# The stars' names as planning declares them (assessment depends on planning, not on standards).
STARS = dict(PlanStar._meta.get_field("star").flatchoices)
REVIEWS = dict(ReviewStatus.choices)


def star_sheet(village: Org, year: int) -> list[dict]:
    rows = (
        SelfAssessment.objects.filter(plan__org=village, plan__year=year)
        .order_by("work_item__key_task__number", "work_item_id")
        .values_list("work_item__code", "work_item__title", "work_item__key_task__star", "met", "review_status")
    )
    return [
        {
            "item": f"{code} {title}",
            "star": str(STARS.get(star, star)),
            "result": _("达标") if met else _("未达标"),
            "review": str(REVIEWS.get(review, review)),
        }
        for code, title, star, met, review in rows
    ]
