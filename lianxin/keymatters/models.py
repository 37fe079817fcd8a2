"""A unit's key matters and the office's monthly reviews of its list. A month's list is not
stored: it is the matters entered by the month's end and not done before its start (open ones
carry over by themselves, done ones stay in history), see `months.py`."""

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager
from lianxin.keymatters.choices import Grade, MatterStatus
from lianxin.standards.choices import Star


class KeyMatter(OrgOwnedModel):
    """One matter on a unit's list (`org` is the unit), from the day it entered until done."""

    title = models.CharField(_("事项"), max_length=200)
    description = models.TextField(_("目标与措施"), blank=True)
    owner = models.CharField(_("责任人"), max_length=50)
    deadline = models.DateField(_("完成时限"))
    star = models.CharField(_("服务星"), max_length=10, choices=Star.choices, blank=True)
    villages = models.ManyToManyField(
        "orgs.Org", verbose_name=_("涉及村（社区）"), blank=True, related_name="served_key_matters"
    )
    entered_on = models.DateField(_("列入日期"))
    status = models.CharField(_("状态"), max_length=10, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    done_on = models.DateField(_("办结日期"), null=True, blank=True)
    done_note = models.TextField(_("办结情况"), blank=True)

    class Meta:
        verbose_name = _("重点事项")
        verbose_name_plural = _("重点事项")
        ordering = ["org__code", "entered_on", "id"]
        indexes = [
            models.Index(fields=["org", "status"], name="keymatter_org_status"),
            models.Index(fields=["entered_on", "done_on"], name="keymatter_month"),
        ]

    def get_absolute_url(self):
        return reverse("keymatters:matter_detail", kwargs={"pk": self.pk})

    def __str__(self):
        return self.title

    def is_overdue_on(self, day: date) -> bool:
        return self.status == MatterStatus.OPEN and self.deadline < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class ProgressNote(models.Model):
    """推进情况: what was done on a matter, dated."""

    matter = models.ForeignKey(KeyMatter, verbose_name=_("重点事项"), on_delete=models.CASCADE, related_name="notes")
    on = models.DateField(_("日期"))
    text = models.TextField(_("推进情况"))
    author = models.CharField(_("记录人"), max_length=100, blank=True)

    scope_field = "matter__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("推进情况")
        verbose_name_plural = _("推进情况")
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.on} {self.text[:30]}"


class ListReview(OrgOwnedModel):
    """The creation office's comment and grade on one unit's list of one month."""

    month = models.DateField(_("月份"))  # the first day of the month
    grade = models.CharField(_("等次"), max_length=10, choices=Grade.choices)
    comment = models.TextField(_("点评意见"))
    reviewer = models.CharField(_("点评人"), max_length=100, blank=True)
    reviewed_at = models.DateTimeField(_("点评时间"), auto_now=True)

    class Meta:
        verbose_name = _("清单点评")
        verbose_name_plural = _("清单点评")
        ordering = ["-month", "org__code"]
        constraints = [models.UniqueConstraint(fields=["org", "month"], name="one_review_per_unit_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.org}"
