"""Choice classes of the happiness points, used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    """The period a rule's limit counts over (本月 / 本季度 / 本年)."""

    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已生效")
    REJECTED = "rejected", _("已退回")


class RatingStatus(models.TextChoices):
    DRAFT = "draft", _("评定中")
    SUBMITTED = "submitted", _("待乡镇确认")
    CONFIRMED = "confirmed", _("已确认公示")
