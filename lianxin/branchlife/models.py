"""Branch life records (组织生活纪实): each 三会一课 meeting and monthly 主题党日 of a village
branch, with who attended from the member register, who was absent and why, the topic, the
minutes and photos. Attendance rates per member and per branch are counted from `Attendance`."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.branchlife.choices import MeetingKind
from lianxin.core.attachments import AttachmentBase
from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager


class Meeting(OrgOwnedModel):
    kind = models.CharField(_("类型"), max_length=10, choices=MeetingKind.choices)
    date = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    minutes = models.TextField(_("会议记录"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("组织生活")
        verbose_name_plural = _("组织生活")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"], name="branchlife_meeting_org_date")]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.topic}"

    def get_absolute_url(self):
        return reverse("branchlife:meeting_detail", kwargs={"pk": self.pk})


class Attendance(models.Model):
    """One branch member at one meeting: present, or absent with the reason."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        "registers.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("出席"))
    absence_reason = models.CharField(_("缺席原因"), max_length=100, blank=True)

    scope_field = "meeting__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("出席情况")
        verbose_name_plural = _("出席情况")
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member"),
            models.CheckConstraint(
                condition=models.Q(present=True) | ~models.Q(absence_reason=""),
                name="absence_has_a_reason",
                violation_error_message=_("缺席须写明原因"),
            ),
        ]

    def __str__(self):
        return f"{self.meeting} {self.member}"


class MeetingPhoto(AttachmentBase):
    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="photos")

    scope_field = "meeting__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("会议照片")
        verbose_name_plural = _("会议照片")
