from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.personal import MOBILE, mobile_validator
from lianxin.core.scope import ScopedManager, ScopedQuerySet
from lianxin.orgs.rollups import CountyRollup
from lianxin.planning.choices import CellStatus, MeasureStatus, PlanStatus, ReviewStatus
from lianxin.standards.choices import Star

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class CreationPlan(OrgOwnedModel):
    """A village's plan for a year (创星规划): target stars, per-star strengths and weak items,
    and the measures that close the gaps."""

    year = models.PositiveSmallIntegerField(_("年度"))
    standard = models.ForeignKey(
        "standards.Standard", verbose_name=_("创建标准"), on_delete=models.PROTECT, related_name="plans"
    )
    target_level = models.PositiveSmallIntegerField(_("目标星级"), default=0, validators=[MaxValueValidator(5)])
    status = models.CharField(_("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    return_reason = models.TextField(_("退回理由"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("创星规划")
        verbose_name_plural = _("创星规划")
        ordering = ["org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_plan_per_village_year",
                violation_error_message=_("该村本年度已有创星规划"),
            )
        ]

    def __str__(self):
        return f"{self.org} {self.year}"

    def get_absolute_url(self):
        return reverse("planning:plan_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanStar(models.Model):
    plan = models.ForeignKey(CreationPlan, verbose_name=_("创星规划"), on_delete=models.CASCADE, related_name="stars")
    star = models.CharField(_("星"), max_length=10, choices=Star.choices)
    targeted = models.BooleanField(_("创建目标"), default=False)
    strengths = models.TextField(_("创建优势"), blank=True)
    weaknesses = models.TextField(_("短板弱项"), blank=True)
    weak_items = models.ManyToManyField(
        "standards.WorkItem", verbose_name=_("未达标工作项"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("星级规划")
        verbose_name_plural = _("星级规划")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "star"], name="one_plan_star", violation_error_message=_("每颗星只有一条规划")
            )
        ]

    def __str__(self):
        return self.get_star_display()


class MeasureQuerySet(ScopedQuerySet):
    def overdue(self, today: date | None = None):
        return self.filter(completed_at__isnull=True, deadline__lt=today or timezone.localdate())

    def due_within(self, days: int, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(
            completed_at__isnull=True, deadline__gte=today, deadline__lte=today + timezone.timedelta(days=days)
        )


class Measure(models.Model):
    """An action with a deadline and a responsible person (措施). Its ledger is its reports."""

    plan = models.ForeignKey(
        CreationPlan, verbose_name=_("创星规划"), on_delete=models.CASCADE, related_name="measures"
    )
    star = models.CharField(_("星"), max_length=10, choices=Star.choices)
    work_item = models.ForeignKey(
        "standards.WorkItem",
        verbose_name=_("工作项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("措施内容"))
    deadline = models.DateField(_("时间节点"))
    responsible_name = models.CharField(_("责任人"), max_length=50)
    responsible_post = models.CharField(_("职务"), max_length=50, blank=True)
    responsible_mobile = models.CharField(_("责任人手机"), max_length=11, blank=True, validators=[mobile_validator])
    star_leader = models.CharField(_("领星人"), max_length=50, blank=True)
    budget = models.DecimalField(_("预算（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0, validators=PERCENT)
    completed_at = models.DateField(_("完成日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_field = "plan__org__code"
    objects = MeasureQuerySet.as_manager()
    personal_fields = {"responsible_mobile": MOBILE}  # masked on every path out (core/personal.py)

    class Meta:
        verbose_name = _("措施")
        verbose_name_plural = _("措施")
        ordering = ["star", "deadline", "id"]
        indexes = [models.Index(fields=["deadline"], name="measure_deadline")]

    def __str__(self):
        return self.description[:40]

    def get_absolute_url(self):
        return reverse("planning:measure_detail", kwargs={"pk": self.pk})

    def status_on(self, today: date) -> str:
        if self.completed_at is not None:
            return MeasureStatus.DONE
        if self.deadline < today:
            return MeasureStatus.OVERDUE
        return MeasureStatus.IN_PROGRESS if self.progress > 0 else MeasureStatus.NOT_STARTED

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return MeasureStatus(self.status).label


class ProgressReport(models.Model):
    """One entry in a measure's ledger (台账)."""

    measure = models.ForeignKey(Measure, verbose_name=_("措施"), on_delete=models.CASCADE, related_name="reports")
    date = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    progress = models.PositiveSmallIntegerField(_("进度（%）"), validators=PERCENT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    # Made on the phone when the report is typed (offline queue, static/js/offline.js): the same
    # report sent again — a resend, a second tab — is answered with this one, photos and all.
    client_id = models.UUIDField(_("终端记录号"), null=True, blank=True, editable=False)

    scope_field = "measure__plan__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["created_by", "client_id"], name="one_report_per_client_record")]

    def __str__(self):
        return f"{self.date} {self.text[:20]}"


class ReportAttachment(AttachmentBase):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class SelfAssessment(models.Model):
    """The village's own judgement of one work item, and the township's confirmation."""

    plan = models.ForeignKey(
        CreationPlan, verbose_name=_("创星规划"), on_delete=models.CASCADE, related_name="assessments"
    )
    work_item = models.ForeignKey(
        "standards.WorkItem", verbose_name=_("工作项"), on_delete=models.PROTECT, related_name="+"
    )
    met = models.BooleanField(_("已达标"))
    evidence = models.TextField(_("佐证说明"), blank=True)
    review_status = models.CharField(
        _("乡镇确认"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    review_comment = models.TextField(_("乡镇意见"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("自评")
        verbose_name_plural = _("自评")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "work_item"],
                name="one_assessment_per_item",
                violation_error_message=_("该工作项已自评"),
            )
        ]

    def __str__(self):
        return f"{self.plan} {self.work_item_id}"


class DeclarationRule(OrgOwnedModel):
    """A county's rule for townships' declarations (Mengzhou: ≥1 five-star and ≥4 four-star)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    min_five_star = models.PositiveSmallIntegerField(_("每乡镇至少五星"), default=1)
    min_four_star = models.PositiveSmallIntegerField(_("每乡镇至少四星"), default=4)

    class Meta:
        verbose_name = _("申报规则")
        verbose_name_plural = _("申报规则")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"], name="one_rule_per_county_year", violation_error_message=_("本年度已有规则")
            )
        ]


class TownshipDeclaration(OrgOwnedModel):
    """The township's target five-star and four-star branches for the year (乡镇申报)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    five_star = models.ManyToManyField("orgs.Org", verbose_name=_("拟创五星"), blank=True, related_name="+")
    four_star = models.ManyToManyField("orgs.Org", verbose_name=_("拟创四星"), blank=True, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("乡镇申报")
        verbose_name_plural = _("乡镇申报")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_declaration_per_township_year",
                violation_error_message=_("本年度已申报"),
            )
        ]


def _star_fields():
    """Per star: the cell status without the date, and the earliest open deadline, so that
    'overdue' is decided at read time and never goes stale in a stored row."""
    fields = {}
    for star in Star:
        fields[f"{star.value}_status"] = models.CharField(
            star.label, max_length=12, choices=CellStatus.choices, default=CellStatus.NOT_TARGETED
        )
        fields[f"{star.value}_due"] = models.DateField(_("最早未完成节点"), null=True, blank=True)
    return fields


class VillageYearSummary(OrgOwnedModel):
    """One row per village and year, kept current by the planning services in the same
    transaction as each change; the battle map and dashboards read only these (architecture §5)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    # The village's code, copied: the province board groups 52k rows by code prefix, and
    # reading the code here instead of joining the org table made that query 2.5× faster.
    org_code = models.CharField(_("村代码"), max_length=16, editable=False)
    plan_status = models.CharField(_("规划状态"), max_length=10, choices=PlanStatus.choices, blank=True)
    target_level = models.PositiveSmallIntegerField(_("目标星级"), default=0)
    measures_total = models.PositiveIntegerField(_("措施数"), default=0)
    measures_done = models.PositiveIntegerField(_("已完成措施"), default=0)
    next_due = models.DateField(_("最早未完成节点"), null=True, blank=True)

    class Meta:
        verbose_name = _("村年度汇总")
        verbose_name_plural = _("村年度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"], name="one_summary_per_village_year", violation_error_message=_("重复")
            )
        ]
        indexes = [models.Index(fields=["year", "org_code"], name="summary_year_code")]

    scope_field = "org_code"

    def cell(self, star: str, today: date) -> str:
        status = getattr(self, f"{star}_status")
        due = getattr(self, f"{star}_due")
        if due is not None and due < today and status != CellStatus.MET:
            return CellStatus.OVERDUE
        return status


for _name, _field in _star_fields().items():
    VillageYearSummary.add_to_class(_name, _field)


BOARD_CELLS = (CellStatus.MET, CellStatus.IN_PROGRESS, CellStatus.PLANNED, CellStatus.OVERDUE)


class CountyBoardRollup(CountyRollup):
    """Per county and year: how many villages stand in each cell status of each star, as of
    `as_of` (lianxin/orgs/rollups.py). Not targeted = the county's villages minus the rest."""

    class Meta:
        verbose_name = _("县级挂图汇总")
        verbose_name_plural = _("县级挂图汇总")
        constraints = [models.UniqueConstraint(fields=["county_code", "year"], name="one_board_rollup_per_county_year")]


for _star in Star:
    for _cell in BOARD_CELLS:
        CountyBoardRollup.add_to_class(f"{_star.value}_{_cell}", models.PositiveIntegerField(default=0))
