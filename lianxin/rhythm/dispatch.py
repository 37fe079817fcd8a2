"""The monthly dispatch meeting (月调度): guard, change and audit in one transaction.

When the office creates a meeting, every township and task force of the county is called to it
with a progress report pre-filled from the data the system holds about it (the bulletin's
figures for the last full week, and its key-matters list of the month), which the unit edits
before the meeting; the office records who came and reported, and the decisions, each owned by
a unit with a deadline, followed to done."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.rhythm import figures, keylists
from lianxin.rhythm.models import Decision, DispatchMeeting, MeetingUnit
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.services import BULLETIN_KINDS

MANAGE, REPORT = Action.RHYTHM_MANAGE, Action.RHYTHM_REPORT
ATTENDANCE = ("attended", "head_attended", "reported")


def called_units(org: Org):
    """Who a meeting of `org` calls: its geographic children and its task forces."""
    children = Org.objects.filter(parent=org, kind__in=GEOGRAPHIC_KINDS)
    task_forces = Org.objects.filter(prefix_q(org.code), kind=OrgKind.TASK_FORCE)
    return (children | task_forces).order_by("kind", "code")


def prefilled(unit: Org, computed: dict, key_list: str) -> str:
    """A unit's report as the data tell it, with its key-matters list of the month (`key_list`,
    empty for a unit that keeps none); a task force's other data are its own to write."""
    figures = _figures_text(unit, computed)
    return f"{figures}\n{key_list}" if key_list else figures


def _figures_text(unit: Org, computed: dict) -> str:
    row = next((u for u in computed["units"] if u["code"] == unit.code), None)
    if row is None:
        return _("（请填写本单位本月工作进展、存在问题和下步打算）")
    c, r = row["counts"], row["rates"]

    def pct(value):
        return "—" if value is None else f"{value}%"

    return _(
        "截至%(end)s：到期创建措施%(due)d项，按期完成%(on_time)d项（%(on_time_rate)s），逾期未完成%(overdue)d项；"
        "创星规划%(plans)d份，审核通过%(accepted)d份；联户覆盖率%(coverage)s，累计办结群众诉求%(closed)d件，"
        "及时办结率%(in_time)s，群众满意率%(satisfaction)s。\n存在问题：\n下步打算："
    ) % {
        "end": computed["week_end"],
        "due": c["measures_due"],
        "on_time": c["on_time"],
        "on_time_rate": pct(r["on_time"]),
        "overdue": c["overdue"],
        "plans": c["plans"],
        "accepted": c["plans_accepted"],
        "coverage": pct(r["coverage"]),
        "closed": c["matters_closed"],
        "in_time": pct(r["in_time"]),
        "satisfaction": pct(r["satisfaction"]),
    }


@transaction.atomic
def create_meeting(actor: Actor, org: Org, *, day: date, title: str, chair: str) -> DispatchMeeting:
    require(actor, MANAGE, org.code)
    if org.kind not in BULLETIN_KINDS:
        raise ValidationError(_("月调度会由市或县（市、区）召开"))
    meeting = DispatchMeeting(org=org, date=day, title=title.strip(), chair=chair.strip())
    clean_fields(meeting, ("date", "title", "chair"))
    meeting.save()
    computed = figures.compute(org, figures.week_of(min(day, timezone.localdate()))[0])
    units = list(called_units(org))
    listed = keylists.month_lists(units, day)
    MeetingUnit.objects.bulk_create(
        MeetingUnit(meeting=meeting, org=unit, report=prefilled(unit, computed, _key_list(unit, listed, day)))
        for unit in units
    )
    record(
        actor,
        "rhythm.meeting.create",
        obj=meeting,
        org_code=org.code,
        after=snapshot(meeting, ("date", "title", "chair")),
    )
    return meeting


def _key_list(unit: Org, listed: dict, day: date) -> str:
    return keylists.report_text(listed.get(unit.pk, []), day) if unit.kind in keylists.KEEPER_KINDS else ""


def can_edit_report(user, unit: MeetingUnit) -> bool:
    return can_at(user, REPORT, unit.org.code) and unit.meeting.date >= timezone.localdate()


@transaction.atomic
def update_report(actor: Actor, unit: MeetingUnit, *, report: str) -> MeetingUnit:
    """The unit edits its report, up to the day of the meeting."""
    require(actor, REPORT, unit.org.code)
    unit = locked(unit)
    if unit.meeting.date < timezone.localdate():
        raise ValidationError(_("会议已召开，进展不能再修改"))
    with audited(actor, "rhythm.report.update", unit, ("report",)):
        unit.report, unit.report_updated_at = report.strip(), timezone.now()
        unit.save(update_fields=["report", "report_updated_at"])
    return unit


@transaction.atomic
def record_attendance(actor: Actor, meeting: DispatchMeeting, marks: dict[int, set[str]]) -> None:
    """`marks`: unit row id -> which of attended / head_attended / reported hold; every unit
    of the meeting not named is marked absent."""
    require(actor, MANAGE, meeting.org.code)
    rows = list(MeetingUnit.objects.select_for_update().filter(meeting=meeting))
    for row in rows:
        held = marks.get(row.pk, set())
        for name in ATTENDANCE:
            setattr(row, name, name in held)
    MeetingUnit.objects.bulk_update(rows, ATTENDANCE)
    after = {str(r.org_id): sorted(marks.get(r.pk, ())) for r in rows if marks.get(r.pk)}
    record(actor, "rhythm.meeting.attendance", obj=meeting, org_code=meeting.org.code, after=after)


@transaction.atomic
def add_decision(actor: Actor, meeting: DispatchMeeting, *, text: str, owner: Org, deadline: date) -> Decision:
    require(actor, MANAGE, meeting.org.code)
    if not owner.code.startswith(meeting.org.code):
        raise ValidationError({"owner": _("责任单位须在本地范围内")})
    decision = Decision(meeting=meeting, org=owner, text=text.strip(), deadline=deadline)
    clean_fields(decision, ("text", "deadline"))
    decision.save()
    record(
        actor,
        "rhythm.decision.create",
        obj=decision,
        org_code=owner.code,
        after=snapshot(decision, ("text", "deadline", "org")),
    )
    return decision


def can_close(user, decision: Decision) -> bool:
    return decision.done_at is None and can_at(user, REPORT, decision.org.code)


@transaction.atomic
def close_decision(actor: Actor, decision: Decision, *, note: str) -> Decision:
    """The owning unit (or the office) reports the decision done."""
    require(actor, REPORT, decision.org.code)
    decision = locked(decision)
    if decision.done_at is not None:
        raise ValidationError(_("该事项已办结"))
    if not note.strip():
        raise ValidationError(_("请填写完成情况"))
    with audited(actor, "rhythm.decision.done", decision, ("done_at", "done_note")):
        decision.done_at, decision.done_note = timezone.now(), note.strip()
        decision.save(update_fields=["done_at", "done_note"])
    return decision
