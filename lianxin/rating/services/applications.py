"""A village's application: create, change, attach evidence from its ledger, submit (which opens
the first review step)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.rating import workdays
from lianxin.rating.choices import OPEN_STATUSES, ApplicationKind, ApplicationStatus, RatingStatus, StepKind
from lianxin.rating.models import Application, Evidence, RatingConfig, ReviewStep, VillageRating
from lianxin.rating.plugin import Action
from lianxin.rating.services.config import config_for, county_of, task_force_for
from lianxin.standards.choices import Star

APPLICATION_FIELDS = ("stars", "self_score", "statement")


def lock_application(application: Application) -> Application:
    return Application.objects.select_for_update(of=("self",)).select_related("org__parent").get(pk=application.pk)


def _check_score(score) -> None:
    if score is not None and not 0 <= Decimal(str(score)) <= 100:
        raise ValidationError(_("自评分应在0—100之间"))


def _clean_stars(stars) -> list[str]:
    chosen = [s for s in Star.values if s in set(stars or [])]
    if not chosen or len(chosen) != len(set(stars)):
        raise ValidationError(_("请选择要申报的星"))
    return chosen


def _check_window(config: RatingConfig, day) -> None:
    if config.window_start and day < config.window_start:
        raise ValidationError(_("申报尚未开始（%(d)s 开始）") % {"d": config.window_start})
    if config.window_end and day > config.window_end:
        raise ValidationError(_("申报已截止（%(d)s 截止）") % {"d": config.window_end})


def gained_stars(village: Org, year: int) -> list[str]:
    """Stars determined this year that the village did not hold last year."""
    ratings = {r.year: r for r in VillageRating.objects.filter(org=village, year__in=[year, year - 1])}
    return gained_over(ratings.get(year), ratings.get(year - 1))


def gained_over(this: VillageRating | None, last: VillageRating | None) -> list[str]:
    """The stars of `this` year's result that make progress over `last` year's."""
    if this is None or this.status == RatingStatus.REVOKED:
        return []
    held = set(last.stars) if last and last.status != RatingStatus.REVOKED else set()
    if last is not None and this.level <= last.level:
        return []
    return [s for s in this.stars if s not in held]


def _check_progress(village: Org, year: int, stars: list[str]) -> None:
    gained = gained_stars(village, year)
    if not gained:
        raise ValidationError(_("只有本年度认定星级比上年提高的村（社区）才能申报进步星"))
    if any(s not in gained for s in stars):
        raise ValidationError(
            _("进步星只能申报本年度新获得的星：%(stars)s") % {"stars": "、".join(str(Star(s).label) for s in gained)}
        )


@transaction.atomic
def create_application(
    actor: Actor,
    village: Org,
    year: int,
    *,
    stars,
    kind: str = ApplicationKind.STARS,
    self_score=None,
    statement: str = "",
) -> Application:
    require(actor, Action.RATING_APPLY, village.code)
    if village.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("只有村（社区）可以申报"))
    if kind not in ApplicationKind.values:
        raise ValidationError(_("无效的申报类型"))
    stars = _clean_stars(stars)
    _check_score(self_score)
    _check_window(config_for(county_of(village), year), workdays.today())
    if kind == ApplicationKind.PROGRESS:
        _check_progress(village, year, stars)
    if Application.objects.filter(org=village, year=year, kind=kind, status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("该村本年度已有一份未办结的申报"))
    application = Application.objects.create(
        org=village, year=year, kind=kind, stars=stars, self_score=self_score, statement=statement.strip()
    )
    record(
        actor,
        "rating.application.create",
        obj=application,
        org_code=village.code,
        after={"year": year, "kind": kind, **snapshot(application, APPLICATION_FIELDS)},
    )
    return application


def _require_editable(application: Application) -> None:
    if not application.is_editable:
        raise ValidationError(_("申报%(s)s，不能修改") % {"s": application.get_status_display()})


def can_edit_application(user, application: Application) -> bool:
    """The village changes, adds evidence to and submits its application while it is a draft or
    returned."""
    return application.is_editable and can_at(user, Action.RATING_APPLY, application.org.code)


@transaction.atomic
def update_application(
    actor: Actor, application: Application, *, stars, self_score=None, statement: str = ""
) -> Application:
    application = lock_application(application)
    require(actor, Action.RATING_APPLY, application.org.code)
    _require_editable(application)
    stars = _clean_stars(stars)
    _check_score(self_score)
    if application.kind == ApplicationKind.PROGRESS:
        _check_progress(application.org, application.year, stars)
    before = snapshot(application, APPLICATION_FIELDS)
    application.stars, application.self_score, application.statement = stars, self_score, statement.strip()
    application.save(update_fields=["stars", "self_score", "statement"])
    record(
        actor,
        "rating.application.update",
        obj=application,
        org_code=application.org.code,
        before=before,
        after=snapshot(application, APPLICATION_FIELDS),
    )
    return application


def work_items_for(application: Application, star: str | None = None):
    """The work items of the standard the village works to, for the applied stars."""
    from lianxin.standards.models import WorkItem
    from lianxin.standards.services import applicable_standard

    standard = applicable_standard(application.org, application.year)
    if standard is None:
        return WorkItem.objects.none()
    items = WorkItem.objects.filter(key_task__standard=standard).select_related("key_task")
    return items.filter(key_task__star=star) if star else items.filter(key_task__star__in=application.stars)


@transaction.atomic
def add_evidence(actor: Actor, application: Application, work_item, *, report=None, note: str = "") -> Evidence:
    """Attach a ledger entry (its photos and documents) or a note as evidence for a work item."""
    application = lock_application(application)
    require(actor, Action.RATING_APPLY, application.org.code)
    _require_editable(application)
    if not work_items_for(application).filter(pk=work_item.pk).exists():
        raise ValidationError(_("该工作项不属于所申报的星"))
    if report is not None and report.measure.plan.org_id != application.org_id:
        raise ValidationError(_("只能引用本村（社区）的台账记录"))
    if report is None and not note.strip():
        raise ValidationError(_("请选择台账记录或填写说明"))
    if Evidence.objects.filter(application=application, work_item=work_item, report=report).exists():
        raise ValidationError(_("这条台账已作为该工作项的佐证"))
    evidence = Evidence.objects.create(application=application, work_item=work_item, report=report, note=note.strip())
    record(
        actor,
        "rating.evidence.add",
        obj=application,
        org_code=application.org.code,
        after={
            "evidence": evidence.pk,
            "work_item": work_item.pk,
            "report": report.pk if report else None,
            "note": evidence.note,
        },
    )
    return evidence


@transaction.atomic
def remove_evidence(actor: Actor, evidence: Evidence) -> None:
    application = lock_application(evidence.application)
    require(actor, Action.RATING_APPLY, application.org.code)
    _require_editable(application)
    before = {
        "evidence": evidence.pk,
        "work_item": evidence.work_item_id,
        "report": evidence.report_id,
        "note": evidence.note,
    }
    evidence.delete()
    record(actor, "rating.evidence.remove", obj=application, org_code=application.org.code, before=before)


def stars_without_evidence(application: Application) -> list[str]:
    """The applied stars for which no ledger entry (a progress report, with its files) is cited
    as evidence: a note alone is not the ledger."""
    cited = set(application.evidence.filter(report__isnull=False).values_list("work_item__key_task__star", flat=True))
    return [s for s in application.stars if s not in cited]


def _check_evidence(application: Application, config: RatingConfig, without_evidence: bool) -> list[str]:
    """Refuse stars without ledger evidence where the county requires it; elsewhere ask the
    village to confirm (`without_evidence`) that it applies for them all the same."""
    missing = stars_without_evidence(application)
    if not missing:
        return []
    labels = {"stars": "、".join(str(Star(s).label) for s in missing)}
    if config.require_evidence:
        raise ValidationError(
            _("%(stars)s 没有引用台账记录作佐证。本县要求每颗申报的星都有台账佐证，请先添加") % labels
        )
    if not without_evidence:
        raise ValidationError(_("%(stars)s 没有引用台账记录作佐证。请添加佐证，或确认仍要提交") % labels)
    return missing


@transaction.atomic
def submit_application(actor: Actor, application: Application, *, without_evidence: bool = False) -> Application:
    """Open the first review step. Stars without ledger evidence are refused where the county
    requires evidence, and otherwise need the village's confirmation (`without_evidence`)."""
    application = lock_application(application)
    require(actor, Action.RATING_APPLY, application.org.code)
    _require_editable(application)
    county = county_of(application.org)
    config = config_for(county, application.year)
    _check_window(config, workdays.today())
    missing = _check_evidence(application, config, without_evidence)
    before = application.status
    application.chain = config.chain_for(application.kind)
    application.round += 1
    application.step_index = 0
    application.approved_stars = []  # none until a review approves them
    application.status = ApplicationStatus.IN_REVIEW
    application.submitted_at = timezone.now()
    application.return_reason = ""
    open_step(application, county, config)
    application.save()
    record(
        actor,
        "rating.application.submit",
        obj=application,
        org_code=application.org.code,
        before={"status": before},
        after={
            "status": application.status,
            "round": application.round,
            "chain": application.chain,
            "stars": application.stars,
            "without_evidence": missing,
        },
    )
    return application


def open_step(application: Application, county: Org, config: RatingConfig) -> None:
    kind = application.chain[application.step_index]
    deadline = workdays.add_working_days(workdays.today(), config.step_days)
    common = {
        "application": application,
        "round": application.round,
        "index": application.step_index,
        "kind": kind,
        "deadline": deadline,
    }
    if kind == StepKind.TOWNSHIP:
        rows = [ReviewStep(reviewer_org=application.org.parent, **common)]
    elif kind == StepKind.TASK_FORCE:
        rows = [ReviewStep(star=s, reviewer_org=task_force_for(county, s, config), **common) for s in application.stars]
    else:
        rows = [ReviewStep(reviewer_org=county, **common)]
    ReviewStep.objects.bulk_create(rows)
    application.step_kind = kind
