"""Where a village's self-assessment and the system's computed indicator disagree, for every
village of a township or county: the township sees which claims to look at before confirming
them. The claims are read in one query, the indicators through the core (one computation per
indicator named, for all the villages at once); planning never imports the apps that own the
figures."""

from dataclasses import dataclass

from django.urls import reverse

from lianxin.core import indicators
from lianxin.core.scope import prefix_q
from lianxin.orgs.models import Org
from lianxin.planning.models import CreationPlan, SelfAssessment
from lianxin.planning.plugin import Action


@dataclass(frozen=True)
class Difference:
    assessment: SelfAssessment
    reading: indicators.Reading

    @property
    def village(self) -> Org:
        return self.assessment.plan.org

    @property
    def item(self):
        return self.assessment.work_item


def differences(user, org: Org, year: int) -> list[Difference]:
    """The self-assessments of `org`'s villages for `year` (those `user` may see) whose claim
    the computed value contradicts, by village and work item."""
    plans = CreationPlan.objects.restrict(user, Action.PLANS_VIEW).filter(prefix_q(org.code, "org__code"), year=year)
    claims = list(
        SelfAssessment.objects.filter(plan__in=plans)
        .exclude(work_item__indicator_code="")
        .select_related("plan__org", "work_item__key_task")
        .order_by("plan__org__code", "work_item__key_task__number", "work_item__id")
    )
    readings = indicators.readings_for(((a.work_item, a.plan.org.code) for a in claims), year)
    found = []
    for claim in claims:
        reading = readings.get((claim.work_item_id, claim.plan.org.code))
        if reading is not None and reading.differs_from(claim.met):
            found.append(Difference(claim, reading))
    return found


def differing_villages(user, org: Org, year: int) -> list[str]:
    """The short names of the villages with at least one difference, in code order."""
    return list(dict.fromkeys(d.village.short_name for d in differences(user, org, year)))


def differing_url(code: str, year: int) -> str:
    return f"{reverse('planning:differing', kwargs={'code': code})}?year={year}"
