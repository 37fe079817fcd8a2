"""A notice, the units it was sent to and the people there, each with its receipt.

The recipients are written down when the notice is sent (`NoticeUnit` per unit, `NoticeReceipt`
per person) rather than worked out when read: a receipt is then a row that can be counted,
filtered and exported, and a user who joins a unit later does not appear as not having read a
notice sent before. Each unit keeps its counts of people and readers, updated when someone
reads, so the receipt page of a notice sent to two thousand villages counts from one table."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager
from lianxin.notices.choices import ReplyKind


class Notice(OrgOwnedModel):
    """A notice; `org` is the sending unit (a county, city or township)."""

    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("正文"))
    deadline = models.DateField(_("办理时限"), null=True, blank=True)
    reply = models.CharField(_("回复要求"), max_length=10, choices=ReplyKind.choices, default=ReplyKind.NONE)
    audience = models.CharField(_("发送范围"), max_length=300)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发送人"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("发送时间"))
    units_total = models.PositiveIntegerField(_("接收单位数"), default=0)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:detail", kwargs={"pk": self.pk})

    @property
    def wants_reply(self) -> bool:
        return self.reply != ReplyKind.NONE


class NoticeUnit(OrgOwnedModel):
    """One receiving unit of a notice (`org`), with its reply and its counts of readers."""

    notice = models.ForeignKey(Notice, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="units")
    persons_total = models.PositiveIntegerField(_("接收人数"), default=0)
    persons_read = models.PositiveIntegerField(_("已读人数"), default=0)
    read_at = models.DateTimeField(_("首次阅读时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    reply_text = models.TextField(_("回复内容"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("接收单位")
        verbose_name_plural = _("接收单位")
        ordering = ["notice", "id"]
        constraints = [models.UniqueConstraint(fields=["notice", "org"], name="one_notice_unit_per_org")]
        indexes = [models.Index(fields=["notice", "read_at"], name="notice_unit_read")]

    def __str__(self):
        return f"{self.notice} · {self.org}"


class NoticeReceipt(models.Model):
    """One person's copy of a notice, at one of the receiving units: read or not."""

    notice = models.ForeignKey(Notice, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="receipts")
    unit = models.ForeignKey(NoticeUnit, verbose_name=_("接收单位"), on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    scope_field = "unit__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("阅读回执")
        verbose_name_plural = _("阅读回执")
        ordering = ["-notice__sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="one_receipt_per_person")]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_receipt_user_read")]

    def __str__(self):
        return f"{self.notice} · {self.user}"

    def get_absolute_url(self):
        return reverse("notices:received", kwargs={"pk": self.pk})


class NoticeAttachment(AttachmentBase):
    """A file of the notice (`unit` empty) or one a unit returned with its reply. Served only
    through `services.attachment_for`, which finds it through the notice or the reply the user
    may see."""

    notice = models.ForeignKey(Notice, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="attachments")
    unit = models.ForeignKey(
        NoticeUnit, verbose_name=_("回复单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )

    class Meta:
        verbose_name = _("通知附件")
        verbose_name_plural = _("通知附件")
        ordering = ["id"]
