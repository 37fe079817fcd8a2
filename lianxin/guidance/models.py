"""Cadres' areas (干部包片 / 包乡联村), their guidance visits and the findings that follow them
until rectified and confirmed, and weak branches (软弱涣散) under rectification. The cadres
themselves are in the registers."""

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.guidance.choices import BranchCategory, FindingStatus, WeakStatus


class AreaAssignment(OrgOwnedModel):
    """干部包片 / 包乡联村: a cadre answerable for an area — a township or one branch — in a year.
    `org` is the area, so the township sees who covers it and its villages."""

    cadre = models.ForeignKey(
        "registers.Cadre", verbose_name=_("包片干部"), on_delete=models.PROTECT, related_name="assignments"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    category = models.CharField(_("类型"), max_length=10, choices=BranchCategory.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("干部包片")
        verbose_name_plural = _("干部包片")
        ordering = ["-year", "cadre__name", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "org", "year"],
                name="one_assignment_per_area_year",
                violation_error_message=_("该干部本年度已包联此处"),
            )
        ]

    def __str__(self):
        return f"{self.cadre} · {self.org}"


class GuidanceVisit(OrgOwnedModel):
    """A cadre's guidance visit (指导走访) to an area."""

    cadre = models.ForeignKey(
        "registers.Cadre", verbose_name=_("干部"), on_delete=models.PROTECT, related_name="guidance_visits"
    )
    date = models.DateField(_("日期"))
    notes = models.TextField(_("指导情况"), blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指导走访")
        verbose_name_plural = _("指导走访")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.cadre} · {self.org}"


class Finding(OrgOwnedModel):
    """A problem a cadre found: it goes to the township secretary and stays open until the
    township reports it rectified and the cadre's side confirms."""

    guidance_visit = models.ForeignKey(
        GuidanceVisit, verbose_name=_("指导走访"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField(_("发现问题"))
    deadline = models.DateField(_("整改时限"))
    status = models.CharField(_("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    rectification = models.TextField(_("整改情况"), blank=True)
    rectified_at = models.DateTimeField(_("报整改时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("发现问题")
        verbose_name_plural = _("发现问题")
        ordering = ["status", "deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="finding_status_deadline")]

    def get_absolute_url(self):
        return reverse("guidance:finding_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return self.description[:40]

    def is_overdue_on(self, today: date) -> bool:
        return self.status != FindingStatus.CONFIRMED and self.deadline < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class WeakBranch(OrgOwnedModel):
    """软弱涣散: a branch listed for rectification in a year, until delisted."""

    year = models.PositiveSmallIntegerField(_("年度"))
    reasons = models.TextField(_("软弱涣散表现"))
    measures = models.TextField(_("整顿措施"), blank=True)
    cadre = models.ForeignKey(
        "registers.Cadre",
        verbose_name=_("包联干部"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="weak_branches",
    )
    status = models.CharField(_("状态"), max_length=10, choices=WeakStatus.choices, default=WeakStatus.LISTED)
    delisted_on = models.DateField(_("摘帽日期"), null=True, blank=True)
    delist_note = models.TextField(_("摘帽说明"), blank=True)

    class Meta:
        verbose_name = _("软弱涣散党组织")
        verbose_name_plural = _("软弱涣散党组织")
        ordering = ["-year", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_weak_listing_per_year",
                violation_error_message=_("该支部本年度已列入"),
            )
        ]

    def get_absolute_url(self):
        return reverse("guidance:weak_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return f"{self.year} {self.org}"
