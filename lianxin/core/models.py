from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import ScopedManager


class OrgOwnedModel(models.Model):
    """Base for every record that belongs to one org (a village's plan, a household, ...).

    Its rows are scoped through the org's division code: `Model.objects.restrict(user, action)`.
    """

    org = models.ForeignKey("orgs.Org", verbose_name=_("所属组织"), on_delete=models.PROTECT, related_name="+")

    scope_field = "org__code"
    objects = ScopedManager()

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """Hits on one rate-limited key in one time window (lianxin/core/ratelimit.py): a row the
    database increments atomically, so every worker and host counts together."""

    bucket = models.CharField(_("键与时间窗"), max_length=255, primary_key=True)
    hits = models.PositiveIntegerField(_("次数"), default=0)
    window_end = models.BigIntegerField(_("时间窗结束（Unix 秒）"), db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")

    def __str__(self):
        return f"{self.bucket}: {self.hits}"


class Notification(models.Model):
    """An in-app reminder for one user: the bell in the page frame. Every app rings it through
    `lianxin.core.notifications.ring()`; `key` says what the reminder is about
    (`planning.measure.overdue:123`), once per person, so a daily job may ring the same thing
    any number of times. Personal: pages read only the user's own, not through org scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("标识"), max_length=100)
    message = models.CharField(_("内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=200)
    # A default rather than auto_now_add, so that moving reminders between tables keeps their time.
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.message
