"""回访: once a matter is closed, the township asks the household whether it is satisfied. The
answer is the household's, recorded by the township that serves the village — the cadre who
closed the matter does not grade their own work — and the board's satisfaction figures count it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.changes import clean_fields, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.liaison.choices import MatterStatus, Satisfaction, VisitWay
from lianxin.liaison.models import Matter, ReturnVisit
from lianxin.liaison.plugin import Action
from lianxin.liaison.services.summaries import refresh_village
from lianxin.orgs.choices import OrgLevel


def township_code(matter: Matter) -> str:
    return matter.org.ancestor_code(OrgLevel.TOWNSHIP)


def can_return_visit(user, matter: Matter) -> bool:
    """Whether `record_return_visit` would take this user's return visit (for the page)."""
    waiting = matter.status == MatterStatus.CLOSED and not hasattr(matter, "return_visit")
    return waiting and can_at(user, Action.LIAISON_RETURN_VISIT, township_code(matter))


@transaction.atomic
def record_return_visit(
    actor: Actor, matter: Matter, *, day: date, way: str, satisfaction: str, opinion: str = ""
) -> ReturnVisit:
    matter = locked(matter)
    require(actor, Action.LIAISON_RETURN_VISIT, township_code(matter))
    if matter.status != MatterStatus.CLOSED:
        raise ValidationError(_("事项办结后才能回访"))
    if ReturnVisit.objects.filter(matter=matter).exists():
        raise ValidationError(_("该事项已回访"))
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("请选择群众满意度"))
    if day > today() or day < timezone.localdate(matter.closed_at):
        raise ValidationError(_("回访日期应在办结之后、今天之前"))
    visit = ReturnVisit(
        org=matter.org,
        matter=matter,
        date=day,
        way=way or VisitWay.PHONE,
        satisfaction=satisfaction,
        opinion=opinion.strip(),
        created_by=actor.user,
    )
    clean_fields(visit, ("date", "way", "satisfaction", "opinion"))
    visit.save()
    refresh_village(matter.org)
    record(
        actor,
        "liaison.return_visit.create",
        obj=matter,
        org_code=matter.org.code,
        after={"date": day, "way": visit.way, "satisfaction": satisfaction, "opinion": visit.opinion},
    )
    return visit
