from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    TEXT = "text", _("填空")
    RANK = "rank", _("话题排序")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已发放")
    CLOSED = "closed", _("已结束")


class Group(models.TextChoices):
    """The key groups a questionnaire goes to, chosen by rule from data already kept."""

    FIVE_STAR = "five_star", _("五星支部书记")
    FOUR_STAR = "four_star", _("四星支部书记")
    UNDER_35 = "under_35", _("35岁以下书记")
    WEAK = "weak", _("软弱涣散支部书记")
    MANUAL = "manual", _("指定人员")


class OrderStatus(models.TextChoices):
    ORDERED = "ordered", _("已点单")
    DISPATCHED = "dispatched", _("已派单")
    ACCEPTED = "accepted", _("已接单")
    HELD = "held", _("已举办")
