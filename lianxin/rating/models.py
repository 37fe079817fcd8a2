"""评星定级: a village's application for stars, the county's review chain, publicity with
objections, quotas, the determined result per village and year, and progress-star awards."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.core.personal import CONTACT, mask_contact
from lianxin.core.scope import ScopedManager
from lianxin.orgs.rollups import CountyRollup
from lianxin.rating.choices import (
    DEFAULT_CHAIN,
    DEFAULT_PROGRESS_CHAIN,
    ApplicationKind,
    ApplicationStatus,
    ObjectionStatus,
    QuotaKind,
    RatingStatus,
    StepKind,
    StepStatus,
)
from lianxin.standards.choices import Star

DEFAULT_AWARD = Decimal("50000")


def _default_chain():
    return list(DEFAULT_CHAIN)


def _default_progress_chain():
    return list(DEFAULT_PROGRESS_CHAIN)


class RatingConfig(OrgOwnedModel):
    """A county's rules for one year's rating round: the application window, the review chain
    (an ordered list of step kinds, stored as data), the deadline per step, the publicity
    period, the star → task force map and the progress-star award."""

    year = models.PositiveSmallIntegerField(_("年度"))
    window_start = models.DateField(_("申报开始"), null=True, blank=True)
    window_end = models.DateField(_("申报截止"), null=True, blank=True)
    chain = models.JSONField(_("审核流程"), default=_default_chain, help_text=_("审核环节的顺序"))
    progress_chain = models.JSONField(_("进步星审核流程"), default=_default_progress_chain)
    step_days = models.PositiveSmallIntegerField(
        _("每环节时限（工作日）"), default=5, validators=[MinValueValidator(1)]
    )
    publicity_days = models.PositiveSmallIntegerField(
        _("公示期（工作日）"), default=5, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    task_forces = models.JSONField(
        _("各星工作专班"), default=dict, blank=True, help_text=_("星 → 专班代码；未设置时按名称“某某星工作专班”匹配")
    )
    award_amount = models.DecimalField(
        _("进步星奖励金额（元）"), max_digits=12, decimal_places=2, default=DEFAULT_AWARD
    )
    require_evidence = models.BooleanField(
        _("申报的每颗星须有台账佐证"),
        default=False,
        help_text=_("选中后，没有引用台账记录作佐证的星不能提交；不选时提醒村里确认后仍可提交"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("评星设置")
        verbose_name_plural = _("评星设置")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_rating_config_per_county_year",
                violation_error_message=_("本年度已有评星设置"),
            )
        ]

    def __str__(self):
        return f"{self.org} {self.year}"

    def chain_for(self, kind: str) -> list[str]:
        return list(self.progress_chain if kind == ApplicationKind.PROGRESS else self.chain)


class Publicity(OrgOwnedModel):
    """A public notice (公示) of results in one county, for a number of working days."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=100)
    start_date = models.DateField(_("公示开始"))
    end_date = models.DateField(_("公示截止"))
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-start_date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rating:publicity_detail", kwargs={"pk": self.pk})

    def is_open_on(self, day) -> bool:
        return self.start_date <= day <= self.end_date


class Application(OrgOwnedModel):
    """A village's application (申报) for one or more stars in a year, or its nomination for
    progress stars. Status and step are set only by the services."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=10, choices=ApplicationKind.choices, default=ApplicationKind.STARS)
    stars = models.JSONField(_("申报星"), default=list)
    approved_stars = models.JSONField(
        _("审核通过的星"), default=list, blank=True, help_text=_("专班审核通过（流程无专班时为创建办审定通过）的星")
    )
    self_score = models.DecimalField(
        _("自评分"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    statement = models.TextField(_("申报说明"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    chain = models.JSONField(_("审核流程"), default=list, help_text=_("提交时按县里的设置确定"))
    step_index = models.PositiveSmallIntegerField(_("当前环节序号"), default=0)
    step_kind = models.CharField(_("当前环节"), max_length=10, choices=StepKind.choices, blank=True)
    round = models.PositiveSmallIntegerField(_("提交次数"), default=0)
    return_reason = models.TextField(_("退回理由"), blank=True)
    reject_reason = models.TextField(_("不通过理由"), blank=True)
    publicity = models.ForeignKey(
        Publicity, verbose_name=_("公示"), null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    determined_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        ordering = ["-year", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "kind"],
                condition=Q(status__in=["draft", "in_review", "returned", "approved", "publicity"]),
                name="one_open_application_per_village_year",
                violation_error_message=_("该村本年度已有一份未办结的申报"),
            )
        ]
        indexes = [models.Index(fields=["year", "status"], name="application_year_status")]

    def __str__(self):
        return f"{self.org} {self.year} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("rating:application_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)

    @property
    def star_labels(self) -> str:
        return "、".join(str(Star(s).label) for s in self.stars if s in Star.values)

    @property
    def approved_labels(self) -> str:
        return "、".join(str(Star(s).label) for s in self.approved_stars if s in Star.values)


class Evidence(models.Model):
    """Evidence for one work item: an entry of the village's own ledger (its photos and
    documents are the ledger's attachments), with a note. Read through its application."""

    application = models.ForeignKey(
        Application, verbose_name=_("申报"), on_delete=models.CASCADE, related_name="evidence"
    )
    work_item = models.ForeignKey(
        "standards.WorkItem", verbose_name=_("工作项"), on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        "planning.ProgressReport",
        verbose_name=_("台账记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["work_item__key_task__number", "work_item_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "work_item", "report"],
                name="evidence_once_per_item_report",
                violation_error_message=_("这条台账已作为该工作项的佐证"),
            )
        ]

    def __str__(self):
        return f"{self.work_item} {self.note[:20]}"


class ReviewStep(models.Model):
    """One review to be made: the township's, one task force's for one star, or the office's.
    Created when the application reaches the step; decided once."""

    application = models.ForeignKey(Application, verbose_name=_("申报"), on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(_("提交次数"))
    index = models.PositiveSmallIntegerField(_("环节序号"))
    kind = models.CharField(_("环节"), max_length=10, choices=StepKind.choices)
    star = models.CharField(_("星"), max_length=10, choices=Star.choices, blank=True)
    reviewer_org = models.ForeignKey("orgs.Org", verbose_name=_("审核单位"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    comment = models.TextField(_("审核意见"), blank=True)
    score = models.DecimalField(_("审核评分"), max_digits=6, decimal_places=1, null=True, blank=True)
    deadline = models.DateField(_("办理时限"))
    reminded_at = models.DateTimeField(_("逾期提醒时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_field = "application__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")
        ordering = ["round", "index", "star", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round", "index", "star"],
                name="one_review_per_step_star",
                violation_error_message=_("该环节已有审核记录"),
            )
        ]
        indexes = [models.Index(fields=["reviewer_org", "status"], name="review_step_queue")]

    def __str__(self):
        star = f" {self.get_star_display()}" if self.star else ""
        return f"{self.application} {self.get_kind_display()}{star}"

    @property
    def is_pending(self) -> bool:
        return self.status == StepStatus.PENDING


class ItemScore(models.Model):
    """The task force's score for one work item of the star it reviews."""

    step = models.ForeignKey(
        ReviewStep, verbose_name=_("审核环节"), on_delete=models.CASCADE, related_name="item_scores"
    )
    work_item = models.ForeignKey(
        "standards.WorkItem", verbose_name=_("工作项"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("得分"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("工作项评分")
        verbose_name_plural = _("工作项评分")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "work_item"],
                name="one_score_per_step_item",
                violation_error_message=_("该工作项已评分"),
            )
        ]

    def __str__(self):
        return f"{self.work_item} {self.score}"


class Objection(models.Model):
    """An objection lodged by anyone against a result under publicity, and how the office
    handled it. Personal data: the contact is optional and shown masked."""

    publicity = models.ForeignKey(
        Publicity, verbose_name=_("公示"), on_delete=models.CASCADE, related_name="objections"
    )
    application = models.ForeignKey(
        Application, verbose_name=_("异议对象"), on_delete=models.CASCADE, related_name="objections"
    )
    content = models.TextField(_("异议内容"), max_length=2000)
    name = models.CharField(_("反映人"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=50, blank=True)
    ip = models.GenericIPAddressField(_("来源IP"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    upheld = models.BooleanField(_("异议成立"), null=True, blank=True)
    handling = models.TextField(_("处理情况"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    scope_field = "application__org__code"
    objects = ScopedManager()
    personal_fields = {"contact": CONTACT}  # masked on every path out (core/personal.py)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.application.org} {self.content[:20]}"

    @property
    def masked_contact(self) -> str:
        return mask_contact(self.contact)


class Quota(OrgOwnedModel):
    """How many of a county's villages may be determined at a level (five-star, four-star…),
    or receive the progress-star award for one star, in a year. `used` moves only under a row
    lock in `determine` and `adjust_rating`; no row means no limit."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=10, choices=QuotaKind.choices)
    level = models.PositiveSmallIntegerField(_("星级"), default=0, validators=[MaxValueValidator(5)])
    star = models.CharField(_("星"), max_length=10, choices=Star.choices, blank=True)
    limit = models.PositiveIntegerField(_("名额"))
    used = models.PositiveIntegerField(_("已用"), default=0)

    class Meta:
        verbose_name = _("名额")
        verbose_name_plural = _("名额")
        ordering = ["kind", "-level", "star"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "kind", "level", "star"],
                name="one_quota_per_county_year_level_star",
                violation_error_message=_("本年度已设置该名额"),
            ),
            models.CheckConstraint(
                condition=Q(used__lte=models.F("limit")) | Q(used=0),
                name="quota_used_within_limit",
                violation_error_message=_("已用名额超过名额数"),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.kind == QuotaKind.PROGRESS:
            return f"{Star(self.star).label}{_('进步星')}"
        return f"{self.level}{_('星')}"

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


class VillageRating(OrgOwnedModel):
    """One row per village and year: the stars determined (a boolean per star), the level
    (how many) and whether it was later lowered or revoked. Kept by the services in the same
    transaction as each determination or adjustment; statistics read only these rows."""

    year = models.PositiveSmallIntegerField(_("年度"))
    code = models.CharField(
        _("村（社区）代码"),
        max_length=16,
        editable=False,
        help_text=_("所属村（社区）的代码副本：统计按代码区间分组，免去联表"),
    )
    level = models.PositiveSmallIntegerField(_("星级"), default=0, validators=[MaxValueValidator(5)])
    determined_level = models.PositiveSmallIntegerField(_("认定时星级"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=RatingStatus.choices, default=RatingStatus.DETERMINED)
    application = models.ForeignKey(
        Application, verbose_name=_("申报"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    determined_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    change_reason = models.TextField(_("降星/撤销理由"), blank=True)
    changed_at = models.DateTimeField(_("降星/撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评星结果")
        verbose_name_plural = _("评星结果")
        ordering = ["-year", "code"]  # the copied code: sorting needs no join of orgs_org
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_rating_per_village_year",
                violation_error_message=_("该村本年度已有评星结果"),
            )
        ]
        indexes = [models.Index(fields=["year", "code"], name="rating_year_code")]

    scope_field = "code"  # the village's code, copied: scoped scans and statistics need no join

    def __str__(self):
        return f"{self.org} {self.year} {self.level}{_('星')}"

    # The field values as last read from or written to the database (none for a new result):
    # a service that changes the row tells its county's rollup the difference from these.
    stored: dict = {}

    @classmethod
    def from_db(cls, db, field_names, values):
        rating = super().from_db(db, field_names, values)
        rating.stored = dict(zip(field_names, values, strict=True))
        return rating

    def save(self, *args, **kwargs):
        self.code = self.org.code
        super().save(*args, **kwargs)
        self.stored = {field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields}

    @property
    def stars(self) -> list[str]:
        return [s for s in Star.values if getattr(self, s)]

    @property
    def star_labels(self) -> str:
        return "、".join(str(Star(s).label) for s in self.stars)


for _star in Star:
    VillageRating.add_to_class(_star.value, models.BooleanField(_star.label, default=False))


class ProgressAward(OrgOwnedModel):
    """A progress-star award (进步星) to a village for one star: plaque and money."""

    year = models.PositiveSmallIntegerField(_("年度"))
    star = models.CharField(_("星"), max_length=10, choices=Star.choices)
    application = models.ForeignKey(
        Application, verbose_name=_("申报"), on_delete=models.PROTECT, related_name="awards"
    )
    amount = models.DecimalField(_("奖励金额（元）"), max_digits=12, decimal_places=2, default=DEFAULT_AWARD)
    plaque = models.CharField(_("牌匾"), max_length=100, blank=True)
    paid_on = models.DateField(_("拨付日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("认定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("进步星奖励")
        verbose_name_plural = _("进步星奖励")
        ordering = ["-year", "org__code", "star"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "star"],
                name="one_progress_award_per_star",
                violation_error_message=_("该村本年度该星已获进步星"),
            )
        ]

    def __str__(self):
        return f"{self.org} {self.year} {self.get_star_display()}{_('进步星')}"


class CountyRatingRollup(CountyRollup):
    """Per county and year: branches per star level and per star, summed from the village
    results (lianxin/orgs/rollups.py); the province and city statistics read these."""

    five = models.PositiveIntegerField(default=0)
    four = models.PositiveIntegerField(default=0)
    three = models.PositiveIntegerField(default=0)
    below = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("县级星级汇总")
        verbose_name_plural = _("县级星级汇总")
        constraints = [
            models.UniqueConstraint(fields=["county_code", "year"], name="one_rating_rollup_per_county_year")
        ]


for _star in Star:
    CountyRatingRollup.add_to_class(f"star_{_star.value}", models.PositiveIntegerField(default=0))
