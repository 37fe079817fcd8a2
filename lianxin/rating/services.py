"""Every change in the rating workflow: one function each, taking the Actor first. Each one
checks the permission (`require`), locks the application (and quota rows when determining),
checks its guards, changes state, keeps the village's result row current and writes the audit
event — in one transaction (architecture §3)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import in_scope, require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.rating.choices import (
    DECISION_STATUS,
    OPEN_STATUSES,
    ApplicationKind,
    ApplicationStatus,
    Decision,
    ObjectionStatus,
    QuotaKind,
    RatingStatus,
    StepKind,
    StepStatus,
)
from lianxin.rating.models import (
    Application,
    Evidence,
    ItemScore,
    Objection,
    ProgressAward,
    Publicity,
    Quota,
    RatingConfig,
    ReviewStep,
    VillageRating,
)
from lianxin.rating.plugin import Action
from lianxin.rating.workdays import add_working_days
from lianxin.standards.choices import Star

APPLICATION_FIELDS = ("stars", "self_score", "statement")
CONFIG_FIELDS = (
    "window_start",
    "window_end",
    "chain",
    "progress_chain",
    "step_days",
    "publicity_days",
    "task_forces",
    "award_amount",
)
STEP_ACTIONS = {
    StepKind.TOWNSHIP: Action.RATING_REVIEW_TOWNSHIP,
    StepKind.TASK_FORCE: Action.RATING_REVIEW_STAR,
    StepKind.OFFICE: Action.RATING_DECIDE,
}


def today():
    return timezone.localdate()


def county_of(org: Org) -> Org:
    return Org.objects.get(code=org.code[:6])


# --- configuration ---------------------------------------------------------------------------


def config_for(county: Org, year: int) -> RatingConfig:
    """The county's settings for the year, or the defaults (unsaved) when it has none."""
    return RatingConfig.objects.filter(org=county, year=year).first() or RatingConfig(org=county, year=year)


def task_force_name(star: str) -> str:
    """「支部过硬星工作专班」: org names are data in Chinese, whatever language the page is in."""
    with translation.override("zh-hans"):
        return f"{Star(star).label}工作专班"


def task_force_for(county: Org, star: str, config: RatingConfig | None = None) -> Org:
    """The task force that reviews `star` in `county`: the one named in the county's settings,
    else by naming convention the county's task force called 「<star label>工作专班」
    (孟州市: 支部过硬星工作专班 reviews 支部过硬星)."""
    config = config or config_for(county, timezone.localdate().year)
    units = Org.objects.filter(parent=county, kind=OrgKind.TASK_FORCE)
    code = (config.task_forces or {}).get(star)
    found = units.filter(code=code).first() if code else units.filter(name=task_force_name(star)).first()
    if found is None:
        raise ValidationError(
            _("%(county)s 没有负责%(star)s的工作专班，请创建办在评星设置中指定")
            % {"county": county, "star": Star(star).label}
        )
    return found


def _check_chain(chain) -> list[str]:
    if (
        not isinstance(chain, list)
        or not chain
        or any(k not in StepKind.values for k in chain)
        or len(set(chain)) != len(chain)
    ):
        raise ValidationError(
            _("审核流程须为不重复的审核环节：%(kinds)s") % {"kinds": "、".join(str(k) for k in StepKind.labels)}
        )
    return chain


@transaction.atomic
def save_config(actor: Actor, county: Org, year: int, **fields) -> RatingConfig:
    require(actor, Action.RATING_CONFIG, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("评星设置由县（市、区）创建办制定"))
    config = RatingConfig.objects.select_for_update().filter(org=county, year=year).first()
    before = snapshot(config, CONFIG_FIELDS) if config else None
    config = config or RatingConfig(org=county, year=year)
    for name, value in fields.items():
        if name not in CONFIG_FIELDS:
            raise ValueError(name)
        setattr(config, name, value)
    _check_chain(config.chain)
    _check_chain(config.progress_chain)
    if config.window_start and config.window_end and config.window_start > config.window_end:
        raise ValidationError(_("申报截止日期不能早于开始日期"))
    task_forces = {}
    for star, code in (config.task_forces or {}).items():
        if (
            star not in Star.values
            or not Org.objects.filter(code=code, parent=county, kind=OrgKind.TASK_FORCE).exists()
        ):
            raise ValidationError(_("专班设置有误：%(star)s → %(code)s") % {"star": star, "code": code})
        task_forces[star] = code
    config.task_forces = task_forces
    config.full_clean(exclude=["org"])
    config.save()
    record(
        actor,
        "rating.config.save",
        obj=config,
        org_code=county.code,
        before=before,
        after=snapshot(config, CONFIG_FIELDS),
    )
    return config


@transaction.atomic
def set_quota(actor: Actor, county: Org, year: int, *, kind: str, limit: int, level: int = 0, star: str = "") -> Quota:
    require(actor, Action.RATING_CONFIG, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("名额由县（市、区）设定"))
    if kind == QuotaKind.LEVEL:
        if not 1 <= level <= 5:
            raise ValidationError(_("星级名额须为1—5星"))
        star = ""
    elif kind == QuotaKind.PROGRESS:
        if star not in Star.values:
            raise ValidationError(_("进步星名额须指定星"))
        level = 0
    else:
        raise ValidationError(_("无效的名额类型"))
    if limit < 0:
        raise ValidationError(_("名额不能为负数"))
    quota = Quota.objects.select_for_update().filter(org=county, year=year, kind=kind, level=level, star=star).first()
    before = snapshot(quota, ("limit", "used")) if quota else None
    if quota and limit < quota.used:
        raise ValidationError(_("名额不能少于已认定的 %(n)d 个") % {"n": quota.used})
    quota = quota or Quota(org=county, year=year, kind=kind, level=level, star=star)
    quota.limit = limit
    quota.save()
    record(
        actor,
        "rating.quota.save",
        obj=quota,
        object_repr=f"{county} {year} {quota.label}",
        org_code=county.code,
        before=before,
        after=snapshot(quota, ("kind", "level", "star", "limit", "used")),
    )
    return quota


# --- applications ------------------------------------------------------------------------------


def _locked(application: Application) -> Application:
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
    this, last = ratings.get(year), ratings.get(year - 1)
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
    _check_window(config_for(county_of(village), year), today())
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


@transaction.atomic
def update_application(
    actor: Actor, application: Application, *, stars, self_score=None, statement: str = ""
) -> Application:
    application = _locked(application)
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
    application = _locked(application)
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
    application = _locked(evidence.application)
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


@transaction.atomic
def submit_application(actor: Actor, application: Application) -> Application:
    application = _locked(application)
    require(actor, Action.RATING_APPLY, application.org.code)
    _require_editable(application)
    county = county_of(application.org)
    config = config_for(county, application.year)
    _check_window(config, today())
    before = application.status
    application.chain = config.chain_for(application.kind)
    application.round += 1
    application.step_index = 0
    application.approved_stars = list(application.stars)
    application.status = ApplicationStatus.IN_REVIEW
    application.submitted_at = timezone.now()
    application.return_reason = ""
    _open_step(application, county, config)
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
        },
    )
    return application


def _open_step(application: Application, county: Org, config: RatingConfig) -> None:
    kind = application.chain[application.step_index]
    deadline = add_working_days(today(), config.step_days)
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
        rows = [
            ReviewStep(star=s, reviewer_org=task_force_for(county, s, config), **common)
            for s in application.approved_stars
        ]
    else:
        rows = [ReviewStep(reviewer_org=county, **common)]
    ReviewStep.objects.bulk_create(rows)
    application.step_kind = kind


# --- review ----------------------------------------------------------------------------------------


def conflict_of_interest(user, application: Application, kind: str) -> bool:
    """Nobody reviews an application from an org they belong to: a reviewer holding any role at
    the applying village is excluded from every step; above the township's own preliminary
    review, a role at the village's township excludes too (its people already judged it)."""
    if user is None:
        return False
    orgs = {a.org.code for a in user.assignments}
    village, township = application.org.code, application.org.code[:9]
    if village in orgs:
        return True
    return kind != StepKind.TOWNSHIP and township in orgs


def may_review(user, step: ReviewStep) -> bool:
    """Whether `user` may decide `step` (pages use it to show the form; the service enforces)."""
    application = step.application
    action = STEP_ACTIONS[step.kind]
    if user is None or not user.can(action) or not in_scope(user.scope_prefixes(action), application.org.code):
        return False
    if step.kind == StepKind.TASK_FORCE and not any(
        a.role == Role.TASK_FORCE and a.org_id == step.reviewer_org_id for a in user.assignments
    ):
        return False
    return not conflict_of_interest(user, application, step.kind)


def _check_reviewer(actor: Actor, step: ReviewStep, application: Application) -> None:
    require(actor, STEP_ACTIONS[step.kind], application.org.code)
    user = actor.user
    if user is None:
        return
    if step.kind == StepKind.TASK_FORCE and not any(
        a.role == Role.TASK_FORCE and a.org_id == step.reviewer_org_id for a in user.assignments
    ):
        raise PermissionDenied(_("只有负责该星的工作专班可以审核"))
    if conflict_of_interest(user, application, step.kind):
        raise PermissionDenied(_("不能审核本人所在单位的申报"))


def _item_scores(step: ReviewStep, application: Application, scores: dict) -> list[ItemScore]:
    if not scores:
        return []
    if step.kind != StepKind.TASK_FORCE:
        raise ValidationError(_("工作项评分由工作专班给出"))
    allowed = {i.pk: i for i in work_items_for(application, step.star)}
    rows = []
    for item, value in scores.items():
        pk = getattr(item, "pk", item)
        if pk not in allowed:
            raise ValidationError(_("评分的工作项不属于%(star)s") % {"star": step.get_star_display()})
        value = Decimal(str(value))
        if not 0 <= value <= 100:
            raise ValidationError(_("得分应在0—100之间"))
        rows.append(ItemScore(step=step, work_item=allowed[pk], score=value))
    return rows


@transaction.atomic
def review(
    actor: Actor, step: ReviewStep, decision: str, *, comment: str = "", score=None, item_scores=None
) -> ReviewStep:
    """Approve, return to the village, or reject at one step. A task force decides only its
    star; the application moves on when every star's review is in."""
    application = _locked(step.application)
    step = ReviewStep.objects.select_for_update().get(pk=step.pk)
    step.application = application
    _check_reviewer(actor, step, application)
    if (
        application.status != ApplicationStatus.IN_REVIEW
        or step.status != StepStatus.PENDING
        or step.round != application.round
        or step.index != application.step_index
    ):
        raise ValidationError(_("该审核已办理或已不在当前环节"))
    if decision not in Decision.values:
        raise ValidationError(_("无效的审核结果"))
    comment = (comment or "").strip()
    if decision != Decision.APPROVE and not comment:
        raise ValidationError(_("退回或不通过须填写理由"))
    scores = _item_scores(step, application, item_scores or {})
    if score is not None:
        score = Decimal(str(score))
    elif scores:
        score = sum(s.score for s in scores) / len(scores)
    before = {"status": application.status, "step": step.kind, "step_status": step.status}
    step.status, step.comment, step.score = DECISION_STATUS[decision], comment, score
    step.decided_by, step.decided_at = actor.user, timezone.now()
    step.save()
    ItemScore.objects.bulk_create(scores)

    siblings = ReviewStep.objects.filter(application=application, round=application.round, index=application.step_index)
    if decision == Decision.RETURN:
        siblings.filter(status=StepStatus.PENDING).update(status=StepStatus.CANCELLED)
        application.status, application.return_reason, application.step_kind = ApplicationStatus.RETURNED, comment, ""
    elif decision == Decision.REJECT and step.kind != StepKind.TASK_FORCE:
        siblings.filter(status=StepStatus.PENDING).update(status=StepStatus.CANCELLED)
        application.status, application.reject_reason, application.step_kind = ApplicationStatus.REJECTED, comment, ""
    elif not siblings.filter(status=StepStatus.PENDING).exists():
        _advance(application, siblings)
    application.save()
    record(
        actor,
        f"rating.review.{decision}",
        obj=application,
        object_repr=str(step),
        org_code=application.org.code,
        before=before,
        after={
            "status": application.status,
            "step": step.kind,
            "star": step.star,
            "step_status": step.status,
            "comment": comment,
            "score": score,
            "approved_stars": application.approved_stars,
        },
    )
    return step


def _advance(application: Application, decided) -> None:
    """Every review of the current step is in: keep the approved stars and open the next step."""
    if application.step_kind == StepKind.TASK_FORCE:
        approved = set(decided.filter(status=StepStatus.APPROVED).values_list("star", flat=True))
        application.approved_stars = [s for s in application.approved_stars if s in approved]
        if not application.approved_stars:
            application.status, application.step_kind = ApplicationStatus.REJECTED, ""
            application.reject_reason = "；".join(decided.exclude(comment="").values_list("comment", flat=True))
            return
    application.step_index += 1
    if application.step_index < len(application.chain):
        county = county_of(application.org)
        _open_step(application, county, config_for(county, application.year))
    else:
        application.status, application.step_kind, application.decided_at = (
            ApplicationStatus.APPROVED,
            "",
            timezone.now(),
        )


# --- publicity and objections -------------------------------------------------------------------------


@transaction.atomic
def start_publicity(
    actor: Actor, county: Org, year: int, applications, *, start_date=None, title: str = ""
) -> Publicity:
    require(actor, Action.RATING_DECIDE, county.code)
    if county.level != OrgLevel.COUNTY or county.is_unit:
        raise ValidationError(_("公示由县（市、区）创建办发布"))
    pks = [a.pk for a in applications]
    if not pks:
        raise ValidationError(_("请选择要公示的申报"))
    locked = list(
        Application.objects.select_for_update(of=("self",)).filter(pk__in=pks).select_related("org").order_by("pk")
    )
    if len(locked) != len(set(pks)) or any(
        a.status != ApplicationStatus.APPROVED or a.year != year or not a.org.code.startswith(county.code)
        for a in locked
    ):
        raise ValidationError(_("只能公示本县（市、区）本年度审定通过、尚未公示的申报"))
    start_date = start_date or today()
    if start_date < today():
        raise ValidationError(_("公示开始日期不能早于今天"))
    config = config_for(county, year)
    end_date = add_working_days(start_date, config.publicity_days)
    publicity = Publicity.objects.create(
        org=county,
        year=year,
        title=title.strip() or f"{county.short_name}{year}年度五星支部评星结果公示",
        start_date=start_date,
        end_date=end_date,
        working_days=config.publicity_days,
        created_by=actor.user,
    )
    Application.objects.filter(pk__in=pks).update(status=ApplicationStatus.PUBLICITY, publicity=publicity)
    record(
        actor,
        "rating.publicity.start",
        obj=publicity,
        org_code=county.code,
        after={
            "start_date": start_date,
            "end_date": end_date,
            "working_days": config.publicity_days,
            "applications": pks,
        },
    )
    for application in locked:
        record(
            actor,
            "rating.application.publicise",
            obj=application,
            org_code=application.org.code,
            before={"status": ApplicationStatus.APPROVED},
            after={"status": ApplicationStatus.PUBLICITY, "publicity": publicity.pk},
        )
    return publicity


@transaction.atomic
def lodge_objection(
    actor: Actor, application: Application, *, content: str, name: str = "", contact: str = ""
) -> Objection:
    """Anyone, without logging in, objects to a result under publicity (the public page)."""
    application = _locked(application)
    publicity = application.publicity
    if application.status != ApplicationStatus.PUBLICITY or publicity is None or not publicity.is_open_on(today()):
        raise ValidationError(_("该结果不在公示期内，不能提出异议"))
    content = (content or "").strip()
    if not content:
        raise ValidationError(_("请填写异议内容"))
    objection = Objection.objects.create(
        publicity=publicity,
        application=application,
        content=content[:2000],
        name=name.strip()[:50],
        contact=contact.strip()[:50],
        ip=actor.ip or None,
    )
    record(
        actor,
        "rating.objection.lodge",
        obj=objection,
        object_repr=str(application),
        org_code=application.org.code,
        after={"application": application.pk, "publicity": publicity.pk},
    )
    return objection


@transaction.atomic
def handle_objection(actor: Actor, objection: Objection, *, handling: str, upheld: bool) -> Objection:
    """The office records how an objection was handled. An upheld objection means the result
    does not stand: the application is not approved."""
    objection = (
        Objection.objects.select_for_update(of=("self",)).select_related("application__org").get(pk=objection.pk)
    )
    require(actor, Action.RATING_DECIDE, objection.application.org.code)
    if objection.status != ObjectionStatus.PENDING:
        raise ValidationError(_("该异议已处理"))
    handling = (handling or "").strip()
    if not handling:
        raise ValidationError(_("请填写处理情况"))
    objection.status, objection.upheld, objection.handling = ObjectionStatus.HANDLED, bool(upheld), handling
    objection.handled_by, objection.handled_at = actor.user, timezone.now()
    objection.save()
    after = {"status": objection.status, "upheld": objection.upheld, "handling": handling}
    if upheld:
        application = _locked(objection.application)
        if application.status == ApplicationStatus.PUBLICITY:
            application.status, application.reject_reason = ApplicationStatus.REJECTED, _("公示异议成立：") + handling
            application.save(update_fields=["status", "reject_reason"])
            after["application_status"] = application.status
    record(
        actor,
        "rating.objection.handle",
        obj=objection,
        object_repr=str(objection.application),
        org_code=objection.application.org.code,
        before={"status": ObjectionStatus.PENDING},
        after=after,
    )
    return objection


# --- determination ------------------------------------------------------------------------------------


def _locked_quota(county: Org, year: int, kind: str, level: int = 0, star: str = "") -> Quota | None:
    return Quota.objects.select_for_update().filter(org=county, year=year, kind=kind, level=level, star=star).first()


def _take(quota: Quota | None, label: str) -> None:
    if quota is None:
        return
    if quota.used >= quota.limit:
        raise ValidationError(_("%(label)s名额已满（%(n)d 个），不能再认定") % {"label": label, "n": quota.limit})
    quota.used += 1
    quota.save(update_fields=["used"])


def _give_back(quota: Quota | None) -> None:
    if quota is not None and quota.used > 0:
        quota.used -= 1
        quota.save(update_fields=["used"])


@transaction.atomic
def determine(actor: Actor, application: Application) -> Application:
    """Make a publicised result final (认定): after the publicity period, with every objection
    handled, and within the county's quota, taken under a row lock on the quota row."""
    application = _locked(application)
    require(actor, Action.RATING_DECIDE, application.org.code)
    if application.status != ApplicationStatus.PUBLICITY:
        raise ValidationError(_("只有公示中的申报可以认定（当前：%(s)s）") % {"s": application.get_status_display()})
    publicity = application.publicity
    if today() <= publicity.end_date:
        raise ValidationError(_("公示期至 %(d)s 结束，期满后才能认定") % {"d": publicity.end_date})
    if application.objections.filter(status=ObjectionStatus.PENDING).exists():
        raise ValidationError(_("有尚未处理的公示异议，处理后才能认定"))
    county = county_of(application.org)
    if application.kind == ApplicationKind.PROGRESS:
        after = _award_progress(application, county)
    else:
        after = _rate(application, county)
    application.status, application.determined_at = ApplicationStatus.DETERMINED, timezone.now()
    application.save(update_fields=["status", "determined_at"])
    record(
        actor,
        "rating.application.determine",
        obj=application,
        org_code=application.org.code,
        before={"status": ApplicationStatus.PUBLICITY},
        after={"status": application.status, **after},
    )
    return application


def _rate(application: Application, county: Org) -> dict:
    rating, _created = VillageRating.objects.select_for_update().get_or_create(
        org=application.org, year=application.year
    )
    held = set(rating.stars) if rating.status != RatingStatus.REVOKED else set()
    stars = held | set(application.approved_stars)
    old_level, new_level = (rating.level if held else 0), len(stars)
    if new_level != old_level:
        _take(
            _locked_quota(county, application.year, QuotaKind.LEVEL, level=new_level), _("%(n)d星") % {"n": new_level}
        )
        if old_level:
            _give_back(_locked_quota(county, application.year, QuotaKind.LEVEL, level=old_level))
    for star in Star.values:
        setattr(rating, star, star in stars)
    rating.level = rating.determined_level = new_level
    rating.status, rating.application, rating.determined_at = RatingStatus.DETERMINED, application, timezone.now()
    rating.change_reason, rating.changed_at = "", None
    rating.save()
    return {"stars": [s for s in Star.values if s in stars], "level": new_level, "previous_level": old_level}


def _award_progress(application: Application, county: Org) -> dict:
    config = config_for(county, application.year)
    awards = []
    for star in application.approved_stars:
        label = f"{Star(star).label}{_('进步星')}"
        _take(_locked_quota(county, application.year, QuotaKind.PROGRESS, star=star), label)
        awards.append(
            ProgressAward(
                org=application.org,
                year=application.year,
                star=star,
                application=application,
                amount=config.award_amount,
                plaque=f"{application.year}年度{label}",
            )
        )
    ProgressAward.objects.bulk_create(awards)
    return {"awards": application.approved_stars, "amount": config.award_amount}


@transaction.atomic
def adjust_rating(actor: Actor, rating: VillageRating, *, stars, reason: str) -> VillageRating:
    """Lower a determined result (keep fewer stars) or revoke it (keep none), with a reason.
    The freed level's quota place is given back; a lowered level takes no new place."""
    rating = VillageRating.objects.select_for_update(of=("self",)).select_related("org").get(pk=rating.pk)
    require(actor, Action.RATING_DECIDE, rating.org.code)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("降星或撤销须填写理由"))
    if rating.status == RatingStatus.REVOKED:
        raise ValidationError(_("该结果已撤销"))
    keep = [s for s in Star.values if s in set(stars or [])]
    if not set(keep) < set(rating.stars):
        raise ValidationError(_("只能去掉已认定的星（降星），或全部去掉（撤销）"))
    before = {"stars": rating.stars, "level": rating.level, "status": rating.status}
    _give_back(_locked_quota(county_of(rating.org), rating.year, QuotaKind.LEVEL, level=rating.level))
    for star in Star.values:
        setattr(rating, star, star in keep)
    rating.level = len(keep)
    rating.status = RatingStatus.LOWERED if keep else RatingStatus.REVOKED
    rating.change_reason, rating.changed_at = reason, timezone.now()
    rating.save()
    action = "rating.result.lower" if keep else "rating.result.revoke"
    record(
        actor,
        action,
        obj=rating,
        org_code=rating.org.code,
        before=before,
        after={"stars": keep, "level": rating.level, "status": rating.status, "reason": reason},
    )
    return rating


@transaction.atomic
def record_payment(actor: Actor, award: ProgressAward, *, paid_on, plaque: str = "") -> ProgressAward:
    award = ProgressAward.objects.select_for_update(of=("self",)).select_related("org").get(pk=award.pk)
    require(actor, Action.RATING_DECIDE, award.org.code)
    if paid_on > today():
        raise ValidationError(_("拨付日期不能晚于今天"))
    before = snapshot(award, ("paid_on", "plaque"))
    award.paid_on = paid_on
    if plaque.strip():
        award.plaque = plaque.strip()[:100]
    award.save(update_fields=["paid_on", "plaque"])
    record(
        actor,
        "rating.award.pay",
        obj=award,
        org_code=award.org.code,
        before=before,
        after=snapshot(award, ("paid_on", "plaque", "amount")),
    )
    return award
