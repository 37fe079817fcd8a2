from django.db import models
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
