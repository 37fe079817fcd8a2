"""Recording a branch meeting is one function: guard, check that every attendee and absentee is
a member of the branch and listed once and that each absentee has a reason, write the meeting,
its attendance and photos and the audit event — in one transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record
from lianxin.branchlife.models import Attendance, Meeting, MeetingPhoto
from lianxin.branchlife.plugin import Action
from lianxin.core.changes import today
from lianxin.core.permissions import require
from lianxin.orgs.models import Org
from lianxin.registers.models import PartyMember
from lianxin.registers.services import village_only


def _check_members(branch: Org, present, absent: dict) -> None:
    members = [*present, *absent]
    if not members:
        raise ValidationError(_("请填写出席党员"))
    if len({m.pk for m in members}) != len(members):
        raise ValidationError(_("同一党员不能既出席又缺席"))
    if any(m.org_id != branch.pk for m in members):
        raise ValidationError(_("出席和缺席人员须是本支部党员"))
    missing = [m.name for m, reason in absent.items() if not (reason or "").strip()]
    if missing:
        raise ValidationError(_("请写明缺席原因：%(names)s") % {"names": "、".join(missing)})


@transaction.atomic
def record_meeting(
    actor: Actor,
    branch: Org,
    *,
    kind: str,
    day: date,
    topic: str,
    minutes: str = "",
    present: list[PartyMember] = (),
    absent: dict[PartyMember, str] | None = None,
    photos=(),
) -> Meeting:
    require(actor, Action.BRANCHLIFE_RECORD, village_only(branch).code)
    absent = absent or {}
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    if not topic.strip():
        raise ValidationError(_("请填写会议主题"))
    _check_members(branch, present, absent)
    meeting = Meeting(
        org=branch, kind=kind, date=day, topic=topic.strip(), minutes=minutes.strip(), recorded_by=actor.user
    )
    meeting.full_clean(exclude=["recorded_by"])
    meeting.save()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member=m, present=True) for m in present]
        + [Attendance(meeting=meeting, member=m, present=False, absence_reason=r.strip()) for m, r in absent.items()]
    )
    for upload in photos:
        photo = MeetingPhoto(meeting=meeting)
        photo.fill_from_upload(upload)
        photo.save()
    record(
        actor,
        "branchlife.meeting.create",
        obj=meeting,
        org_code=branch.code,
        after={"kind": kind, "date": day, "present": len(present), "absent": len(absent), "photos": len(photos)},
    )
    return meeting
