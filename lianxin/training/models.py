"""Questionnaires and their recipients' answers; trainings from order to rating, with the
attendees who signed in. A questionnaire's questions are kept with it (JSON, checked by the
service): a questionnaire copied from another is its template."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.training.choices import Group, OrderStatus, SurveyStatus


class Survey(OrgOwnedModel):
    """培训需求问卷 of a county (`org`): questions are {kind, text, options}."""

    title = models.CharField(_("问卷名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    questions = models.JSONField(_("题目"), default=list)
    status = models.CharField(_("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    sent_at = models.DateTimeField(_("发放时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培训需求问卷")
        verbose_name_plural = _("培训需求问卷")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:survey_detail", kwargs={"pk": self.pk})


class Recipient(OrgOwnedModel):
    """One secretary a questionnaire went to (`org` is the member's village), with the groups
    that chose them and, once answered, the answers (one per question)."""

    survey = models.ForeignKey(Survey, verbose_name=_("问卷"), on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(
        "registers.PartyMember", verbose_name=_("答卷人"), on_delete=models.CASCADE, related_name="+"
    )
    groups = models.JSONField(_("所属群体"), default=list)
    answers = models.JSONField(_("答案"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答卷时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("问卷对象")
        verbose_name_plural = _("问卷对象")
        ordering = ["org__code", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "member"], name="one_recipient_per_survey")]

    def __str__(self):
        return f"{self.survey} · {self.member.name}"

    def get_absolute_url(self):
        return reverse("training:answer", kwargs={"pk": self.pk})

    def group_labels(self) -> str:
        return "、".join(str(Group(g).label) for g in self.groups)


class TrainingOrder(OrgOwnedModel):
    """A training a township ordered (点单, `org` is the township), dispatched to a lecturer
    (派单), accepted (接单) and held."""

    topic = models.CharField(_("培训主题"), max_length=200)
    audience = models.CharField(_("培训对象"), max_length=200)
    wanted_on = models.DateField(_("期望日期"))
    hours = models.DecimalField(
        _("学时"), max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    place = models.CharField(_("地点"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ORDERED)
    lecturer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("讲师"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("举办日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("点单时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培训点单")
        verbose_name_plural = _("培训点单")
        ordering = ["-wanted_on", "-id"]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("training:order_detail", kwargs={"pk": self.pk})


class Attendance(OrgOwnedModel):
    """A member signed in to a training (`org` is the member's village), and their rating."""

    order = models.ForeignKey(
        TrainingOrder, verbose_name=_("培训"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        "registers.PartyMember", verbose_name=_("学员"), on_delete=models.CASCADE, related_name="+"
    )
    signed_at = models.DateTimeField(_("签到时间"), auto_now_add=True)
    score = models.PositiveSmallIntegerField(
        _("评分"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("评价"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("培训签到")
        verbose_name_plural = _("培训签到")
        ordering = ["order", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["order", "member"], name="one_sign_in_per_training")]

    def __str__(self):
        return f"{self.order} · {self.member.name}"
