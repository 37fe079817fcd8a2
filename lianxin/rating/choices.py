from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationKind(models.TextChoices):
    STARS = "stars", _("评星申报")
    PROGRESS = "progress", _("进步星申报")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("已退回")
    REJECTED = "rejected", _("未通过")
    APPROVED = "approved", _("待公示")
    PUBLICITY = "publicity", _("公示中")
    DETERMINED = "determined", _("已认定")


# Statuses in which an application is still "open": a village has at most one per year and kind.
OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.PUBLICITY,
)


class StepKind(models.TextChoices):
    """Review steps a county may chain; publicity and determination always follow them."""

    TOWNSHIP = "township", _("乡镇（街道）初审")
    TASK_FORCE = "taskforce", _("专班审核")
    OFFICE = "office", _("创建办审定")


DEFAULT_CHAIN = [StepKind.TOWNSHIP.value, StepKind.TASK_FORCE.value, StepKind.OFFICE.value]
# The seed's progress-star procedure: 村申报—街道初审—专班审核 (then quotas per star).
DEFAULT_PROGRESS_CHAIN = [StepKind.TOWNSHIP.value, StepKind.TASK_FORCE.value]


class Decision(models.TextChoices):
    APPROVE = "approve", _("通过")
    RETURN = "return", _("退回修改")
    REJECT = "reject", _("不通过")


class StepStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("通过")
    RETURNED = "returned", _("退回修改")
    REJECTED = "rejected", _("不通过")
    CANCELLED = "cancelled", _("已撤销")  # a parallel review closed because another returned


DECISION_STATUS = {
    Decision.APPROVE: StepStatus.APPROVED,
    Decision.RETURN: StepStatus.RETURNED,
    Decision.REJECT: StepStatus.REJECTED,
}


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    HANDLED = "handled", _("已处理")


class RatingStatus(models.TextChoices):
    DETERMINED = "determined", _("已认定")
    LOWERED = "lowered", _("已降星")
    REVOKED = "revoked", _("已撤销")


class QuotaKind(models.TextChoices):
    LEVEL = "level", _("星级名额")
    PROGRESS = "progress", _("进步星名额")
