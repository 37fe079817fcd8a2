"""Every change to plans, measures, the ledger, self-assessments and declarations: guard,
lock, change, refresh the village's summary row, audit event — one transaction each. Beside
each change, the `can_*` predicate pages use to show its button: the same rule, in one place."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import can_at, require
from lianxin.orgs import rollups
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.planning.choices import CellStatus, PlanStatus, ReviewStatus
from lianxin.planning.models import (
    CreationPlan,
    DeclarationRule,
    Measure,
    PlanStar,
    ProgressReport,
    ReportAttachment,
    SelfAssessment,
    TownshipDeclaration,
    VillageYearSummary,
)
from lianxin.planning.plugin import Action
from lianxin.planning.rollups import BOARD
from lianxin.standards.choices import Star
from lianxin.standards.services import applicable_standard

MEASURE_FIELDS = (
    "star",
    "work_item",
    "description",
    "deadline",
    "responsible_name",
    "responsible_post",
    "responsible_mobile",
    "star_leader",
    "budget",
)
STAR_FIELDS = ("targeted", "strengths", "weaknesses")


def _locked_plan(plan: CreationPlan) -> CreationPlan:
    return CreationPlan.objects.select_for_update().select_related("org").get(pk=plan.pk)


# --- summary ----------------------------------------------------------------------------------


def star_cell(targeted: bool, measures: list[Measure]) -> tuple[str, object]:
    """(status without the date, earliest open deadline) for one star of one village."""
    open_deadlines = [m.deadline for m in measures if m.completed_at is None]
    due = min(open_deadlines) if open_deadlines else None
    if not targeted:
        return CellStatus.NOT_TARGETED, None
    if measures and not open_deadlines:
        return CellStatus.MET, None
    if any(m.progress > 0 or m.completed_at for m in measures):
        return CellStatus.IN_PROGRESS, due
    return CellStatus.PLANNED, due


def refresh_summary(plan: CreationPlan) -> VillageYearSummary:
    """Recompute the village's summary row from its plan (one village: a few rows)."""
    measures = list(plan.measures.only("star", "deadline", "progress", "completed_at"))
    targeted = {s.star: s.targeted for s in plan.stars.all()}
    values = {
        "org_code": plan.org.code,
        "plan_status": plan.status,
        "target_level": plan.target_level,
        "measures_total": len(measures),
        "measures_done": sum(1 for m in measures if m.completed_at),
        "next_due": min((m.deadline for m in measures if m.completed_at is None), default=None),
    }
    for star in Star:
        status, due = star_cell(targeted.get(star, False), [m for m in measures if m.star == star])
        values[f"{star.value}_status"], values[f"{star.value}_due"] = status, due
    summary, _created = VillageYearSummary.objects.update_or_create(org=plan.org, year=plan.year, defaults=values)
    rollups.refresh(BOARD, plan.org, plan.year, timezone.localdate())
    return summary


# --- plans -------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(actor: Actor, village: Org, year: int) -> CreationPlan:
    require(actor, Action.PLANS_EDIT, village.code)
    if village.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("创星规划只能由村（社区）制定"))
    if CreationPlan.objects.filter(org=village, year=year).exists():
        raise ValidationError(_("%(year)d 年度的创星规划已存在") % {"year": year})
    standard = applicable_standard(village, year)
    if standard is None:
        raise ValidationError(_("%(year)d 年度尚无已发布的创建标准，请联系县（市、区）创建办") % {"year": year})
    plan = CreationPlan.objects.create(org=village, year=year, standard=standard)
    PlanStar.objects.bulk_create(PlanStar(plan=plan, star=star) for star in Star)
    refresh_summary(plan)
    record(
        actor, "planning.plan.create", obj=plan, org_code=village.code, after={"year": year, "standard": standard.pk}
    )
    return plan


def _require_editable(plan: CreationPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(_("规划已%(status)s，不能修改") % {"status": plan.get_status_display()})


def can_edit_plan(user, plan: CreationPlan) -> bool:
    """The village changes its targets and submits while the plan is a draft or returned."""
    return plan.is_editable and can_at(user, Action.PLANS_EDIT, plan.org.code)


def can_review_plan(user, plan: CreationPlan) -> bool:
    """The township accepts or returns a submitted plan."""
    return plan.status == PlanStatus.SUBMITTED and can_at(user, Action.PLANS_REVIEW, plan.org.code)


def can_change_measures(user, plan: CreationPlan) -> bool:
    """Measures are added and changed at any time but while the township reviews the plan."""
    return _measures_open(plan) and can_at(user, Action.PLANS_EDIT, plan.org.code)


def can_report(user, plan: CreationPlan) -> bool:
    """The village keeps its ledger (progress reports) whatever the plan's state."""
    return can_at(user, Action.PLANS_EDIT, plan.org.code)


@transaction.atomic
def update_plan_star(actor: Actor, plan_star: PlanStar, *, targeted, strengths, weaknesses, weak_items) -> PlanStar:
    plan = _locked_plan(plan_star.plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    _require_editable(plan)
    allowed = set(_work_items(plan, plan_star.star).values_list("pk", flat=True))
    if any(item.pk not in allowed for item in weak_items):
        raise ValidationError(_("所选工作项不属于本星"))
    before = {
        **snapshot(plan_star, STAR_FIELDS),
        "weak_items": sorted(plan_star.weak_items.values_list("pk", flat=True)),
    }
    plan_star.targeted, plan_star.strengths, plan_star.weaknesses = targeted, strengths, weaknesses
    plan_star.save()
    plan_star.weak_items.set(weak_items)
    plan.target_level = plan.stars.filter(targeted=True).count()
    plan.save(update_fields=["target_level"])
    refresh_summary(plan)
    after = {**snapshot(plan_star, STAR_FIELDS), "weak_items": sorted(i.pk for i in weak_items)}
    record(
        actor,
        "planning.star.update",
        obj=plan,
        object_repr=f"{plan} {plan_star}",
        org_code=plan.org.code,
        before=before,
        after=after,
    )
    return plan_star


def _work_items(plan: CreationPlan, star: str):
    from lianxin.standards.models import WorkItem

    return WorkItem.objects.filter(key_task__standard=plan.standard, key_task__star=star)


@transaction.atomic
def submit_plan(actor: Actor, plan: CreationPlan) -> CreationPlan:
    plan = _locked_plan(plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    _require_editable(plan)
    targeted = set(plan.stars.filter(targeted=True).values_list("star", flat=True))
    if not targeted:
        raise ValidationError(_("请至少选择一颗创建目标星"))
    with_measures = set(plan.measures.values_list("star", flat=True))
    missing = [str(Star(s).label) for s in Star if s in targeted and s not in with_measures]
    if missing:
        raise ValidationError(_("以下目标星还没有措施：%(stars)s") % {"stars": "、".join(missing)})
    return _transition(actor, plan, PlanStatus.SUBMITTED, "planning.plan.submit", submitted_at=timezone.now())


@transaction.atomic
def accept_plan(actor: Actor, plan: CreationPlan) -> CreationPlan:
    plan = _locked_plan(plan)
    require(actor, Action.PLANS_REVIEW, plan.org.code)
    _require_submitted(plan)
    return _transition(
        actor,
        plan,
        PlanStatus.ACCEPTED,
        "planning.plan.accept",
        reviewed_at=timezone.now(),
        reviewed_by=actor.user,
        return_reason="",
    )


@transaction.atomic
def return_plan(actor: Actor, plan: CreationPlan, reason: str) -> CreationPlan:
    plan = _locked_plan(plan)
    require(actor, Action.PLANS_REVIEW, plan.org.code)
    _require_submitted(plan)
    if not reason.strip():
        raise ValidationError(_("退回须填写理由"))
    return _transition(
        actor,
        plan,
        PlanStatus.RETURNED,
        "planning.plan.return",
        reviewed_at=timezone.now(),
        reviewed_by=actor.user,
        return_reason=reason.strip(),
    )


def _require_submitted(plan: CreationPlan) -> None:
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的规划可以审核（当前：%(s)s）") % {"s": plan.get_status_display()})


def _transition(actor: Actor, plan: CreationPlan, status: str, action: str, **fields) -> CreationPlan:
    before = plan.status
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    refresh_summary(plan)
    record(
        actor,
        action,
        obj=plan,
        org_code=plan.org.code,
        before={"status": before},
        after={"status": status, **({"reason": plan.return_reason} if plan.return_reason else {})},
    )
    return plan


# --- measures and the ledger ----------------------------------------------------------------------


def _measures_open(plan: CreationPlan) -> bool:
    return plan.status != PlanStatus.SUBMITTED


def _require_measures_open(plan: CreationPlan) -> None:
    if not _measures_open(plan):
        raise ValidationError(_("规划正在乡镇审核中，暂不能修改措施"))


def _check_measure(plan: CreationPlan, data: dict) -> None:
    item = data.get("work_item")
    if item is not None and not _work_items(plan, data["star"]).filter(pk=item.pk).exists():
        raise ValidationError(_("所选工作项不属于该星"))


@transaction.atomic
def save_measure(actor: Actor, plan: CreationPlan, measure: Measure | None, data: dict) -> Measure:
    plan = _locked_plan(plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    _require_measures_open(plan)
    _check_measure(plan, data)
    before = snapshot(measure, MEASURE_FIELDS) if measure else None
    measure = measure or Measure(plan=plan)
    for field in MEASURE_FIELDS:
        setattr(measure, field, data[field])
    measure.full_clean()
    measure.save()
    refresh_summary(plan)
    record(
        actor,
        "planning.measure.save" if before else "planning.measure.create",
        obj=measure,
        org_code=plan.org.code,
        before=before,
        after=snapshot(measure, MEASURE_FIELDS),
    )
    return measure


@transaction.atomic
def delete_measure(actor: Actor, measure: Measure) -> None:
    plan = _locked_plan(measure.plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    _require_editable(plan)
    if measure.reports.exists():
        raise ValidationError(_("该措施已有进展记录，不能删除"))
    before, pk = snapshot(measure, MEASURE_FIELDS), measure.pk
    measure.delete()
    refresh_summary(plan)
    record(
        actor,
        "planning.measure.delete",
        object_type="planning.measure",
        object_id=str(pk),
        object_repr=before["description"][:200],
        org_code=plan.org.code,
        before=before,
    )


def _already_reported(actor: Actor, client_id) -> ProgressReport | None:
    if client_id is None or actor.user is None:
        return None
    return ProgressReport.objects.filter(created_by=actor.user, client_id=client_id).first()


@transaction.atomic
def add_report(
    actor: Actor, measure: Measure, *, date, text: str, progress: int, files=(), client_id=None
) -> ProgressReport:
    """A ledger entry: sets the measure's progress; 100% completes it on the report's date.
    Files are checked by content before anything is written (UploadError). `client_id`, made on
    the phone: a report already made under it by this user is answered, not made again (its
    photos are not stored twice). The plan's row lock makes a second tab sending the same
    record wait here and then find the first one's report."""
    plan = _locked_plan(measure.plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    original = _already_reported(actor, client_id)
    if original is not None:
        return original
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if date > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天"))
    attachments = []
    for upload in files:
        attachment = ReportAttachment()
        attachment.fill_from_upload(upload)
        attachments.append(attachment)
    report = ProgressReport.objects.create(
        measure=measure, date=date, text=text, progress=progress, created_by=actor.user, client_id=client_id
    )
    for attachment in attachments:
        attachment.report = report
        attachment.save()
    before = {"progress": measure.progress, "completed_at": measure.completed_at}
    measure.progress = progress
    measure.completed_at = date if progress == 100 else None
    measure.save(update_fields=["progress", "completed_at"])
    refresh_summary(plan)
    record(
        actor,
        "planning.report.create",
        obj=measure,
        org_code=plan.org.code,
        before=before,
        after={
            "progress": progress,
            "completed_at": measure.completed_at,
            "report": report.pk,
            "attachments": len(attachments),
        },
    )
    return report


# --- self-assessment -----------------------------------------------------------------------------


def _save_assessment(actor: Actor, plan: CreationPlan, work_item, met: bool, evidence: str) -> SelfAssessment:
    """One work item's answer (the caller holds the plan's lock and has checked the permission).
    A changed answer waits for the township's word again; an unchanged one keeps it."""
    if work_item.key_task.standard_id != plan.standard_id:
        raise ValidationError(_("工作项不属于本规划的创建标准"))
    existing = SelfAssessment.objects.filter(plan=plan, work_item=work_item).first()
    if existing is not None and existing.met == met and existing.evidence == evidence:
        return existing
    before = snapshot(existing, ("met", "evidence", "review_status")) if existing else None
    assessment, _created = SelfAssessment.objects.update_or_create(
        plan=plan,
        work_item=work_item,
        defaults={"met": met, "evidence": evidence, "review_status": ReviewStatus.PENDING, "review_comment": ""},
    )
    record(
        actor,
        "planning.assessment.save",
        obj=plan,
        object_repr=f"{plan} {work_item}",
        org_code=plan.org.code,
        before=before,
        after={"work_item": work_item.pk, "met": met, "evidence": evidence},
    )
    return assessment


@transaction.atomic
def assess_all(actor: Actor, plan: CreationPlan, answers) -> int:
    """The whole self-assessment saved at once (one form, one save): `answers` is a list of
    (work item, met, evidence); only the changed ones are saved and recorded. Returns how many."""
    plan = _locked_plan(plan)
    require(actor, Action.PLANS_EDIT, plan.org.code)
    before = {a.work_item_id: (a.met, a.evidence) for a in plan.assessments.all()}
    changed = [(item, met, evidence) for item, met, evidence in answers if before.get(item.pk) != (met, evidence)]
    for item, met, evidence in changed:
        _save_assessment(actor, plan, item, met, evidence)
    return len(changed)


@transaction.atomic
def review_assessment(actor: Actor, assessment: SelfAssessment, *, status: str, comment: str) -> SelfAssessment:
    assessment = SelfAssessment.objects.select_for_update().select_related("plan__org").get(pk=assessment.pk)
    require(actor, Action.PLANS_REVIEW, assessment.plan.org.code)
    if status not in (ReviewStatus.CONFIRMED, ReviewStatus.DISPUTED):
        raise ValidationError(_("无效的确认结果"))
    if status == ReviewStatus.DISPUTED and not comment.strip():
        raise ValidationError(_("提出异议须填写意见"))
    before = {"review_status": assessment.review_status}
    assessment.review_status, assessment.review_comment = status, comment.strip()
    assessment.save(update_fields=["review_status", "review_comment", "updated_at"])
    record(
        actor,
        "planning.assessment.review",
        obj=assessment.plan,
        org_code=assessment.plan.org.code,
        before=before,
        after={"work_item": assessment.work_item_id, "review_status": status, "comment": comment},
    )
    return assessment


# --- township declarations --------------------------------------------------------------------------


def rule_for(county: Org, year: int) -> DeclarationRule:
    """The county's declaration rule for the year, or (unsaved) the default rule: every township
    declares at least one five-star and four four-star villages (the model's defaults)."""
    return DeclarationRule.objects.filter(org=county, year=year).first() or DeclarationRule(org=county, year=year)


def declaration_met(rule: DeclarationRule, five_star: int, four_star: int) -> bool:
    """Whether a township that declared this many five- and four-star villages meets the rule."""
    return five_star >= rule.min_five_star and four_star >= rule.min_four_star


@dataclass
class DeclarationRow:
    township: Org
    five: list
    four: list
    met: bool


def declaration_rows(townships, year: int, rule: DeclarationRule) -> list[DeclarationRow]:
    """Each township's declaration for the year against the rule; two queries."""
    declarations = {
        d.org_id: d
        for d in TownshipDeclaration.objects.filter(org__in=townships, year=year).prefetch_related(
            "five_star", "four_star"
        )
    }
    rows = []
    for township in townships.order_by("code"):
        found = declarations.get(township.pk)
        five = list(found.five_star.all()) if found else []
        four = list(found.four_star.all()) if found else []
        rows.append(DeclarationRow(township, five, four, declaration_met(rule, len(five), len(four))))
    return rows


@transaction.atomic
def save_rule(actor: Actor, county: Org, year: int, *, min_five_star: int, min_four_star: int) -> DeclarationRule:
    require(actor, Action.PLANS_RULES, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("申报规则由县（市、区）设定"))
    rule = DeclarationRule.objects.select_for_update().filter(org=county, year=year).first()
    before = snapshot(rule, ("min_five_star", "min_four_star")) if rule else None
    rule = rule or DeclarationRule(org=county, year=year)
    rule.min_five_star, rule.min_four_star = min_five_star, min_four_star
    rule.save()
    record(
        actor,
        "planning.rule.save",
        obj=rule,
        object_repr=f"{county} {year}",
        org_code=county.code,
        before=before,
        after=snapshot(rule, ("min_five_star", "min_four_star")),
    )
    return rule


@transaction.atomic
def save_declaration(actor: Actor, township: Org, year: int, *, five_star, four_star) -> TownshipDeclaration:
    require(actor, Action.PLANS_REVIEW, township.code)
    if township.level != OrgLevel.TOWNSHIP:
        raise ValidationError(_("申报由乡镇（街道）填报"))
    chosen = list(five_star) + list(four_star)
    if any(v.parent_id != township.pk or v.kind not in GRASSROOTS_KINDS for v in chosen):
        raise ValidationError(_("只能申报本乡镇（街道）的村（社区）"))
    both = {v.pk for v in five_star} & {v.pk for v in four_star}
    if both:
        raise ValidationError(_("同一个村不能同时申报五星和四星"))
    declaration, _created = TownshipDeclaration.objects.select_for_update().get_or_create(org=township, year=year)
    before = {
        "five_star": sorted(declaration.five_star.values_list("code", flat=True)),
        "four_star": sorted(declaration.four_star.values_list("code", flat=True)),
    }
    declaration.five_star.set(five_star)
    declaration.four_star.set(four_star)
    declaration.save()
    record(
        actor,
        "planning.declaration.save",
        obj=declaration,
        object_repr=f"{township} {year}",
        org_code=township.code,
        before=before,
        after={"five_star": sorted(v.code for v in five_star), "four_star": sorted(v.code for v in four_star)},
    )
    return declaration
