from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.indicators import known_indicator
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager, ScopedQuerySet, collapse_prefixes, scope_q
from lianxin.orgs.choices import CODE_LENGTH
from lianxin.standards.choices import Comparison, StandardStatus, Star


class StandardQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str):
        """Standards of the user's own jurisdictions and of those above them: a village works
        to its county's refinement or the province's default, so it must be able to read both."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        prefixes = collapse_prefixes(user.scope_prefixes(action))
        within = scope_q(prefixes, "org__code")
        if within is None:
            return self.none()
        above = {p[:n] for p in prefixes for n in CODE_LENGTH.values() if n < len(p)}
        return self.filter(within | Q(org__code__in=above))


class Standard(OrgOwnedModel):
    """A year's catalogue of the five stars' key tasks and work items for one jurisdiction: the
    province's default, or a county's refinement of it."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=100)
    status = models.CharField(_("状态"), max_length=10, choices=StandardStatus.choices, default=StandardStatus.DRAFT)
    is_sample = models.BooleanField(_("示例"), default=False, help_text=_("系统自带的示例标准，请按本地文件修改后发布"))
    based_on = models.ForeignKey(
        "self", verbose_name=_("来源标准"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ScopedManager.from_queryset(StandardQuerySet)()

    class Meta:
        verbose_name = _("创建标准")
        verbose_name_plural = _("创建标准")
        ordering = ["-year", "org__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"],
                name="one_standard_per_org_year",
                violation_error_message=_("该组织本年度已有创建标准"),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("standards:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == StandardStatus.PUBLISHED


class Criteria(models.Model):
    """What key tasks and work items share: how they are judged and weighed."""

    title = models.CharField(_("名称"), max_length=200)
    criteria = models.TextField(_("评价标准"), blank=True)
    evidence = models.TextField(_("佐证材料"), blank=True)
    indicator_unit = models.CharField(_("指标单位"), max_length=20, blank=True)
    indicator_comparison = models.CharField(_("比较"), max_length=2, choices=Comparison.choices, blank=True)
    indicator_threshold = models.DecimalField(_("阈值"), max_digits=14, decimal_places=2, null=True, blank=True)
    weight = models.DecimalField(_("权重"), max_digits=6, decimal_places=2, default=Decimal("1"))

    class Meta:
        abstract = True

    @property
    def indicator(self) -> str:
        """`≥ 10 万元`, or empty when the item has no numeric indicator."""
        if self.indicator_threshold is None or not self.indicator_comparison:
            return ""
        threshold = f"{self.indicator_threshold.normalize():f}"
        return f"{Comparison(self.indicator_comparison).label} {threshold} {self.indicator_unit}".strip()


class KeyTask(Criteria):
    """One of the standard's key tasks (29 in the provincial default). Read through its
    standard, which carries the scope."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("创建标准"), on_delete=models.CASCADE, related_name="key_tasks"
    )
    star = models.CharField(_("星"), max_length=10, choices=Star.choices)
    number = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("重点任务")
        verbose_name_plural = _("重点任务")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "number"],
                name="key_task_number_unique",
                violation_error_message=_("同一标准内重点任务序号不能重复"),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class WorkItem(Criteria):
    key_task = models.ForeignKey(
        KeyTask, verbose_name=_("重点任务"), on_delete=models.CASCADE, related_name="work_items"
    )
    code = models.CharField(_("编号"), max_length=10, help_text=_("如 7.1"))
    # A computed indicator (lianxin/core/indicators.py) whose value the self-assessment and the
    # rating evidence show beside the village's own claim.
    indicator_code = models.CharField(
        _("系统计算指标"),
        max_length=60,
        blank=True,
        validators=[known_indicator],
        help_text=_("由系统根据台账自动计算"),
    )

    class Meta:
        verbose_name = _("工作项")
        verbose_name_plural = _("工作项")
        ordering = ["key_task__number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_task", "code"],
                name="work_item_code_unique",
                violation_error_message=_("同一重点任务内工作项编号不能重复"),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
