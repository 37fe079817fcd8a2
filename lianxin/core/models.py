import secrets
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import ScopedManager


def new_token() -> str:
    """The unguessable part of a public page's address (a household's plaque, a selection's
    notice): the pages of a village cannot be walked by counting ids."""
    return secrets.token_urlsafe(16)


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


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


UNFINISHED = (ExportStatus.QUEUED, ExportStatus.RUNNING)


def export_file_path(job, filename: str) -> str:
    """A name nobody can guess or collide with; the user's file name travels in the download."""
    return f"exports/{uuid.uuid4().hex}{PurePath(filename).suffix or '.xlsx'}"


class ExportJobQuerySet(models.QuerySet):
    def current(self):
        """Jobs not yet past LIANXIN_EXPORT_KEEP_DAYS: what 我的导出 lists and serves."""
        return self.filter(created_at__gte=_keep_from())

    def expired(self):
        return self.filter(created_at__lt=_keep_from())


def _keep_from():
    return timezone.now() - timedelta(days=settings.LIANXIN_EXPORT_KEEP_DAYS)


class ExportJob(models.Model):
    """A list export too large to build inside a web request (security review point 4). The
    request records what to export; a background worker rebuilds the same list for the same
    user and writes the file (lianxin/core/exports.py); only the owner downloads it, until it
    expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=100)
    filename = models.CharField(_("文件名"), max_length=200)
    # The list's address and query (filters, sort): the worker resolves them to the same view.
    path = models.CharField(_("列表地址"), max_length=200)
    query = models.TextField(_("查询条件"), blank=True)
    language = models.CharField(_("语言"), max_length=10)
    status = models.CharField(_("状态"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_done = models.PositiveIntegerField(_("已写行数"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    file = models.FileField(_("文件"), upload_to=export_file_path, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导出任务")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def unfinished(self) -> bool:
        return self.status in UNFINISHED

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def list_url(self) -> str:
        """The list with the filters the export was made with."""
        return f"{self.path}?{self.query}" if self.query else self.path
