"""The supply library (a county's funds and projects), the villages' demands, the allocations
between them and the demands' photos and completion evidence. `allocated` on a supply and
`funded` on a demand are the sums of their allocations, kept by the one service that allocates
(under the supply's row lock), so balances and what is unmatched are read without summing."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager
from lianxin.projects.choices import DemandStatus, Priority, ProjectKind
from lianxin.standards.choices import Star

POSITIVE = [MinValueValidator(Decimal("0.01"))]


def money(label):
    return models.DecimalField(label, max_digits=12, decimal_places=2, default=Decimal("0"))


class SupplyProject(OrgOwnedModel):
    """供给侧: one department's fund or project for a year (`org` is the county)."""

    department = models.CharField(_("来源部门"), max_length=100)
    fund_name = models.CharField(_("资金/项目名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=ProjectKind.choices)
    amount = models.DecimalField(_("金额（万元）"), max_digits=12, decimal_places=2, validators=POSITIVE)
    year = models.PositiveSmallIntegerField(_("年度"))
    conditions = models.TextField(_("申报条件"), blank=True)
    star = models.CharField(_("服务星"), max_length=10, choices=Star.choices, blank=True)
    allocated = money(_("已匹配（万元）"))

    class Meta:
        verbose_name = _("供给侧项目")
        verbose_name_plural = _("供给侧项目")
        ordering = ["-year", "department", "fund_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "department", "fund_name"],
                name="one_supply_per_fund_year",
                violation_error_message=_("该部门本年度已有同名资金/项目"),
            )
        ]

    def __str__(self):
        return f"{self.year} {self.department} · {self.fund_name}"

    def get_absolute_url(self):
        return reverse("projects:supply_detail", kwargs={"pk": self.pk})

    @property
    def balance(self) -> Decimal:
        return self.amount - self.allocated


class DemandProject(OrgOwnedModel):
    """需求侧: a village's need, reported by its township (`org` is the village)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("项目名称"), max_length=200)
    star = models.CharField(_("服务星"), max_length=10, choices=Star.choices)
    work_item = models.CharField(_("工作项"), max_length=200, blank=True)
    description = models.TextField(_("项目内容"), blank=True)
    amount_asked = models.DecimalField(_("需求金额（万元）"), max_digits=12, decimal_places=2, validators=POSITIVE)
    priority = models.CharField(_("优先级"), max_length=1, choices=Priority.choices, default=Priority.HIGH)
    status = models.CharField(_("状态"), max_length=10, choices=DemandStatus.choices, default=DemandStatus.REPORTED)
    funded = money(_("已匹配（万元）"))
    spent = money(_("已支出（万元）"))
    progress = models.TextField(_("实施进度"), blank=True)
    completed_on = models.DateField(_("完工日期"), null=True, blank=True)
    reported_at = models.DateTimeField(_("上报时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("需求侧项目")
        verbose_name_plural = _("需求侧项目")
        ordering = ["priority", "-year", "org__code", "id"]
        indexes = [models.Index(fields=["status", "year"], name="demand_status_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:demand_detail", kwargs={"pk": self.pk})

    @property
    def shortfall(self) -> Decimal:
        return max(self.amount_asked - self.funded, Decimal("0"))


class Allocation(models.Model):
    """Part (or all) of a supply's balance given to a demand by the office, with its reason."""

    supply = models.ForeignKey(
        SupplyProject, verbose_name=_("供给侧项目"), on_delete=models.PROTECT, related_name="allocations"
    )
    demand = models.ForeignKey(
        DemandProject, verbose_name=_("需求侧项目"), on_delete=models.PROTECT, related_name="allocations"
    )
    amount = models.DecimalField(_("匹配金额（万元）"), max_digits=12, decimal_places=2, validators=POSITIVE)
    reason = models.TextField(_("匹配理由"))
    created_at = models.DateTimeField(_("匹配时间"), auto_now_add=True)

    scope_field = "demand__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("项目匹配")
        verbose_name_plural = _("项目匹配")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.supply} → {self.demand} {self.amount}"


class DemandPhoto(AttachmentBase):
    """A photo of the need when reported, or evidence of completion (`evidence`)."""

    demand = models.ForeignKey(
        DemandProject, verbose_name=_("需求侧项目"), on_delete=models.CASCADE, related_name="photos"
    )
    evidence = models.BooleanField(_("完工佐证"), default=False)

    scope_field = "demand__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("项目照片")
        verbose_name_plural = _("项目照片")
        ordering = ["id"]
