import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.audit.keys import current_key, mac
from lianxin.core.scope import ScopedQuerySet, scope_q

GENESIS_HASH = "0" * 64


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")


class AppendOnlyQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit events are append-only")

    def delete(self):
        raise PermissionError("audit events are append-only")

    def restrict(self, user, action):
        """Events about orgs in the auditor's scope, plus system-wide events (no org)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = scope_q(user.scope_prefixes(action), self.model.scope_field)
        if condition is None:
            return self.none()
        return self.filter(condition | models.Q(org_code=""))


class AuditEvent(models.Model):
    """One security-relevant event. Append-only; each carries the keyed hash of the one before,
    so `verify_audit` finds any altered, inserted or removed event, and the signed checkpoints
    outside the database (checkpoints.py) find a cut or rewritten chain (security.md 10–11)."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    ip = models.CharField(_("来源地址"), max_length=64, blank=True)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    org_code = models.CharField(_("所属组织代码"), max_length=16, blank=True, db_index=True)
    result = models.CharField(_("结果"), max_length=10, choices=AuditResult.choices)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    prev_hash = models.CharField(_("前一事件哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)

    scope_field = "org_code"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["-seq"]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")

    def canonical(self) -> str:
        return canonical(self)

    def compute_hash(self, key: bytes | None = None) -> str:
        """HMAC-SHA256 with the audit key (keys.py): without the key nobody can recompute it."""
        return mac(key if key is not None else current_key(), self.canonical())


def canonical(event) -> str:
    """The exact text the hash covers; any change to a stored field changes it. A function of
    the field values, so the re-keying migration can apply it to its historical rows."""
    return json.dumps(
        [
            event.seq,
            event.created_at.isoformat(timespec="microseconds"),
            event.user_id,
            event.username,
            event.ip,
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.org_code,
            event.result,
            event.before,
            event.after,
            event.prev_hash,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


class ChangeMark(models.Model):
    """The newest audit event per county (or wider unit) and app: every change a service makes
    is recorded, so this says whether anything an app shows for a place changed since a page
    was drawn. A board polled every 30 s answers 304 from these few rows instead of recounting
    (issue 15.5; lianxin/audit/changes.py). Written under the audit chain's lock, so it adds no
    contention of its own."""

    code = models.CharField(max_length=6)
    app = models.CharField(max_length=30)
    seq = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "app"], name="one_change_mark_per_code_app")]

    def __str__(self):
        return f"{self.code} {self.app} #{self.seq}"
