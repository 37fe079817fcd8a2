"""Leaders' duties (领导责任): what each county requires of its leaders and how often, each time
it was done, and whether it was done in its period.

A duty's state comes from the date it was last done, held against the periods (months or
quarters) around `today`: done this period is "done"; done last period but not yet this one is
"due" (yellow); not done in the last full period nor since is "missed" (red) — on the office's
workbench and in the weekly bulletin."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import clean_fields
from lianxin.core.permissions import require
from lianxin.orgs.models import Org
from lianxin.rhythm.models import DutyOccurrence, Frequency, LeaderDuty
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.services import BULLETIN_KINDS

DONE, DUE, MISSED = "done", "due", "missed"
STATE_LABELS = {DONE: "本期已落实", DUE: "本期待落实", MISSED: "上期未落实"}


def period_start(day: date, frequency: str) -> date:
    months = 1 if frequency == Frequency.MONTHLY else 3
    month = (day.month - 1) // months * months + 1
    return date(day.year, month, 1)


def previous_start(day: date, frequency: str) -> date:
    start = period_start(day, frequency)
    months = 1 if frequency == Frequency.MONTHLY else 3
    month, year = start.month - months, start.year
    if month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 1)


def state(last_done: date | None, frequency: str, today: date) -> str:
    if last_done is not None and last_done >= period_start(today, frequency):
        return DONE
    if last_done is not None and last_done >= previous_start(today, frequency):
        return DUE
    return MISSED


def with_last_done(duties):
    return duties.annotate(last_done=Max("occurrences__date")).order_by("org__code", "id")


def states(duties, today: date) -> list[dict]:
    """Each duty with its state, from one query."""
    return [
        {"duty": d, "last_done": d.last_done, "state": state(d.last_done, d.frequency, today)}
        for d in with_last_done(duties).select_related("org")
    ]


@transaction.atomic
def add_duty(actor: Actor, org: Org, *, title: str, holder: str, frequency: str) -> LeaderDuty:
    require(actor, Action.RHYTHM_MANAGE, org.code)
    if org.kind not in BULLETIN_KINDS:
        raise ValidationError(_("领导责任由市或县（市、区）设置"))
    duty = LeaderDuty(org=org, title=title.strip(), holder=holder.strip(), frequency=frequency)
    clean_fields(duty, ("title", "holder", "frequency"))
    duty.save()
    record(
        actor, "rhythm.duty.create", obj=duty, org_code=org.code, after=snapshot(duty, ("title", "holder", "frequency"))
    )
    return duty


@transaction.atomic
def record_occurrence(actor: Actor, duty: LeaderDuty, *, day: date, note: str) -> DutyOccurrence:
    require(actor, Action.RHYTHM_MANAGE, duty.org.code)
    if not note.strip():
        raise ValidationError({"note": _("请填写内容")})
    occurrence = DutyOccurrence(duty=duty, date=day, note=note.strip())
    occurrence.full_clean(exclude=["duty"])
    occurrence.save()
    record(
        actor, "rhythm.duty.done", obj=duty, org_code=duty.org.code, after={"date": str(day), "note": occurrence.note}
    )
    return occurrence


def bulletin_section(org: Org, today: date) -> list[dict]:
    """The duties of `org` and their states, for the bulletin's snapshot."""
    return [
        {
            "title": s["duty"].title,
            "holder": s["duty"].holder,
            "frequency": s["duty"].get_frequency_display(),
            "last_done": s["last_done"].isoformat() if s["last_done"] else None,
            "state": s["state"],
        }
        for s in states(LeaderDuty.objects.filter(org=org), today)
    ]
