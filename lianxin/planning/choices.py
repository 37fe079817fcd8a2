from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已通过")
    RETURNED = "returned", _("已退回")


class MeasureStatus(models.TextChoices):
    """Derived from progress and deadline (never set by hand): see Measure.status."""

    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")
    OVERDUE = "overdue", _("已逾期")


class CellStatus(models.TextChoices):
    """One village × star cell of the battle map."""

    MET = "met", _("已达标")
    IN_PROGRESS = "in_progress", _("推进中")
    PLANNED = "planned", _("已规划")
    NOT_TARGETED = "none", _("未创建")
    OVERDUE = "overdue", _("有逾期")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISPUTED = "disputed", _("有异议")
