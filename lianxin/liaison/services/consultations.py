"""Branch consultations (支部会商): a meeting that discusses the village's matters and decides
follow-ups with an owner and a deadline."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.changes import clean_fields, today
from lianxin.core.permissions import require
from lianxin.liaison.models import Consultation, FollowUp
from lianxin.liaison.plugin import Action
from lianxin.liaison.rollups import refresh_county
from lianxin.orgs.models import Org
from lianxin.registers.services import village_only


@transaction.atomic
def create_consultation(
    actor: Actor,
    village: Org,
    *,
    day: date,
    topic: str,
    attendees: str,
    decisions: str = "",
    matters=(),
    follow_ups: list[tuple[str, str, date]] = (),
) -> Consultation:
    require(actor, Action.LIAISON_EDIT, village_only(village).code)
    if day > today():
        raise ValidationError(_("会商日期不能晚于今天"))
    if any(m.org_id != village.pk for m in matters):
        raise ValidationError(_("只能关联本村（社区）的事项"))
    consultation = Consultation(
        org=village, date=day, topic=topic.strip(), attendees=attendees.strip(), decisions=decisions.strip()
    )
    clean_fields(consultation, ("date", "topic", "attendees", "decisions"))
    consultation.save()
    consultation.matters.set(matters)
    refresh_county(village)
    for task, owner, deadline in follow_ups:
        if task.strip():
            FollowUp.objects.create(
                consultation=consultation, task=task.strip(), owner=owner.strip(), deadline=deadline
            )
    record(
        actor,
        "liaison.consultation.create",
        obj=consultation,
        org_code=village.code,
        after={
            "date": day,
            "topic": consultation.topic,
            "matters": [m.pk for m in matters],
            "follow_ups": len(follow_ups),
        },
    )
    return consultation


@transaction.atomic
def complete_follow_up(actor: Actor, follow_up: FollowUp, done_on: date | None = None) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().select_related("consultation__org").get(pk=follow_up.pk)
    code = follow_up.consultation.org.code
    require(actor, Action.LIAISON_EDIT, code)
    if follow_up.done_on is not None:
        raise ValidationError(_("已完成"))
    follow_up.done_on = done_on or today()
    follow_up.save(update_fields=["done_on"])
    record(actor, "liaison.follow_up.complete", obj=follow_up, org_code=code, after={"done_on": follow_up.done_on})
    return follow_up
