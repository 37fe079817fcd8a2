"""Disputes and the three zeros: every change is one function here — guard, lock the dispute
where its state moves, change, record the audit event — in one transaction. A dispute the
village cannot settle is escalated into a 连心 matter through liaison's own service, in the
same transaction (civic depends on liaison, never the reverse)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.civic.choices import DisputeStatus, Outcome
from lianxin.civic.models import Agreement, Dispute, Session, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.core.changes import audited, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.liaison.choices import Category
from lianxin.liaison.services import report_matter
from lianxin.orgs.models import Org
from lianxin.registers.services import village_only

TIME_LIMIT_DAYS = 30  # 人民调解法 art. 28 practice: settle within 30 days of intake


@transaction.atomic
def take_in(
    actor: Actor,
    village: Org,
    *,
    kind: str,
    description: str,
    mediator: str,
    households=(),
    parties: str = "",
    place: str = "",
    counselling: bool = False,
    received_on: date | None = None,
) -> Dispute:
    require(actor, Action.CIVIC_MEDIATE, village_only(village).code)
    received_on = received_on or today()
    if received_on > today():
        raise ValidationError(_("受理日期不能晚于今天"))
    if not households and not parties.strip():
        raise ValidationError(_("请选择当事农户或填写当事人"))
    if any(h.org_id != village.pk for h in households):
        raise ValidationError(_("当事农户须是本村（社区）的农户"))
    dispute = Dispute(
        org=village,
        kind=kind,
        description=description.strip(),
        mediator=mediator.strip(),
        parties=parties.strip(),
        place=place.strip(),
        counselling=counselling,
        received_on=received_on,
        deadline=received_on + timedelta(days=TIME_LIMIT_DAYS),
        recorded_by=actor.user,
    )
    dispute.full_clean(exclude=["recorded_by", "households"])
    dispute.save()
    dispute.households.set(households)
    record(
        actor,
        "civic.dispute.create",
        obj=dispute,
        org_code=village.code,
        after={**snapshot(dispute, ("kind", "received_on", "deadline", "counselling")), "households": len(households)},
    )
    return dispute


def _open(actor: Actor, dispute: Dispute) -> Dispute:
    dispute = locked(dispute)
    require(actor, Action.CIVIC_MEDIATE, dispute.org.code)
    if dispute.status != DisputeStatus.MEDIATING:
        raise ValidationError(_("该纠纷已办结"))
    return dispute


def can_mediate(user, dispute: Dispute) -> bool:
    return dispute.status == DisputeStatus.MEDIATING and can_at(user, Action.CIVIC_MEDIATE, dispute.org.code)


@transaction.atomic
def add_session(actor: Actor, dispute: Dispute, *, kind: str, note: str, day: date | None = None) -> Session:
    dispute = _open(actor, dispute)
    if not note.strip():
        raise ValidationError(_("请填写调解或疏导情况"))
    session = Session(dispute=dispute, kind=kind, note=note.strip(), date=day or today())
    session.full_clean()
    session.save()
    record(actor, "civic.dispute.session", obj=dispute, org_code=dispute.org.code, after={"kind": kind})
    return session


@transaction.atomic
def close(actor: Actor, dispute: Dispute, *, outcome: str, result: str, day: date | None = None) -> Dispute:
    dispute = _open(actor, dispute)
    if outcome not in Outcome.values:
        raise ValidationError(_("请选择办理结果"))
    if not result.strip():
        raise ValidationError(_("请填写办理结果"))
    with audited(actor, "civic.dispute.close", dispute, ("status", "outcome", "closed_on")):
        dispute.status, dispute.outcome, dispute.result = DisputeStatus.CLOSED, outcome, result.strip()
        dispute.closed_on = day or today()
        dispute.save(update_fields=["status", "outcome", "result", "closed_on"])
    return dispute


@transaction.atomic
def attach_agreement(actor: Actor, dispute: Dispute, upload) -> Agreement:
    """The signed agreement (a scan or photo), checked by content like every upload."""
    dispute = locked(dispute)
    require(actor, Action.CIVIC_MEDIATE, dispute.org.code)
    agreement = Agreement(dispute=dispute)
    agreement.fill_from_upload(upload)
    agreement.save()
    record(
        actor,
        "civic.dispute.agreement",
        obj=dispute,
        org_code=dispute.org.code,
        after={"file": agreement.original_name},
    )
    return agreement


@transaction.atomic
def escalate(actor: Actor, dispute: Dispute) -> Dispute:
    """Hand a dispute the village cannot settle to 党群连心 as a matter (reported at village
    level, escalated from there by liaison's own steps); the dispute is closed as referred."""
    dispute = _open(actor, dispute)
    household = dispute.households.first()
    matter = report_matter(
        actor,
        dispute.org,
        title=_("矛盾纠纷：%(kind)s") % {"kind": dispute.get_kind_display()},
        description=dispute.description,
        category=Category.DISPUTE,
        household=household,
    )
    with audited(actor, "civic.dispute.escalate", dispute, ("status", "outcome", "matter_id")):
        dispute.matter_id, dispute.status, dispute.outcome = matter.pk, DisputeStatus.CLOSED, Outcome.REFERRED
        dispute.closed_on, dispute.result = today(), _("已转党群连心诉求事项办理")
        dispute.save(update_fields=["matter_id", "status", "outcome", "closed_on", "result"])
    return dispute


@transaction.atomic
def report_month(actor: Actor, village: Org, month: date, *, petitions: int, incidents: int, cases: int) -> ZeroReport:
    """The village's three-zero figures for a month, entered or corrected."""
    require(actor, Action.CIVIC_MEDIATE, village_only(village).code)
    month = month.replace(day=1)
    if month > today():
        raise ValidationError(_("不能填报未来的月份"))
    report = ZeroReport.objects.select_for_update().filter(org=village, month=month).first()
    before = snapshot(report, ("petitions", "incidents", "cases")) if report else None
    report = report or ZeroReport(org=village, month=month)
    report.petitions, report.incidents, report.cases = petitions, incidents, cases
    report.full_clean()
    report.save()
    record(
        actor,
        "civic.zero.report",
        obj=report,
        org_code=village.code,
        before=before,
        after=snapshot(report, ("month", "petitions", "incidents", "cases")),
    )
    return report
