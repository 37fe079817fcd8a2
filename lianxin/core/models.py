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
