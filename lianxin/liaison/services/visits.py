"""A member's visit to a household (走访), logged from a phone with a photo; what the household
raised may become a matter reported at village level in the same transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.core.changes import clean_fields, today
from lianxin.core.permissions import require
from lianxin.liaison.models import Visit, VisitPhoto
from lianxin.liaison.plugin import Action
from lianxin.liaison.services.matters import new_matter
from lianxin.liaison.services.summaries import count_visit
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.services import not_anonymised


def _already_logged(actor: Actor, client_id) -> Visit | None:
    if client_id is None or actor.user is None:
        return None
    return Visit.objects.filter(created_by=actor.user, client_id=client_id).first()


@transaction.atomic
def log_visit(
    actor: Actor,
    household: Household,
    *,
    day: date,
    way: str,
    member: PartyMember | None = None,
    raised: str = "",
    category: str = "",
    photo=None,
    make_matter: bool = False,
    matter_title: str = "",
    client_id=None,
) -> Visit:
    """A member's visit to a household. With `make_matter`, what was raised becomes a matter
    reported at village level. A photo is checked by content and thumbnailed. `client_id`, made
    on the phone: a visit already logged under it by this user is answered, not logged again."""
    village = household.org
    require(actor, Action.LIAISON_VISIT, village.code)
    original = _already_logged(actor, client_id)
    if original is not None:
        return original
    not_anonymised(household)
    if member is not None and member.org_id != household.org_id:
        raise ValidationError(_("走访党员须与农户属于同一个村（社区）"))
    if day > today():
        raise ValidationError(_("走访日期不能晚于今天"))
    if make_matter and not raised.strip():
        raise ValidationError(_("形成诉求事项时须填写反映情况"))
    visit = Visit(
        org=village,
        household=household,
        member=member,
        date=day,
        way=way,
        raised=raised.strip(),
        category=category,
        created_by=actor.user,
        client_id=client_id,
    )
    clean_fields(visit, ("date", "way", "raised", "category"))
    try:
        # A savepoint (two round trips) only where a duplicate is answered: a phone's resend.
        with transaction.atomic(savepoint=client_id is not None):
            visit.save()
    except IntegrityError:
        # The same record sent at the same moment from another tab: that one was first.
        if client_id is None:
            raise
        return _already_logged(actor, client_id)
    if photo is not None:
        attachment = VisitPhoto(visit=visit)
        attachment.fill_from_upload(photo)
        attachment.save()
    count_visit(village, day)
    record(
        actor,
        "liaison.visit.create",
        obj=visit,
        org_code=village.code,
        after={
            "household": household.pk,
            "member": member.pk if member else None,
            "date": day,
            "way": way,
            "category": category,
            "photo": photo is not None,
        },
    )
    if make_matter:
        new_matter(
            actor,
            village,
            title=(matter_title or raised)[:100],
            description=raised,
            category=category or "other",
            household=household,
            visit=visit,
        )
    return visit
