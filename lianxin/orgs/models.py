from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import ScopedManager
from lianxin.orgs.choices import (
    GEOGRAPHIC_KINDS,
    GRASSROOTS_KINDS,
    UNIT_KINDS,
    OrgKind,
    OrgLevel,
    ancestor_code,
)


class Org(models.Model):
    """A unit of the organisation tree: a place from province to village, keyed by its
    official division code, or a non-geographic unit (task force, responsible unit, creation
    office) attached to the jurisdiction it serves. The code's prefix is the ancestry."""

    code = models.CharField(_("代码"), max_length=16, unique=True)
    name = models.CharField(_("全称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=100)
    initials = models.CharField(_("拼音首字母"), max_length=100, db_index=True, editable=False)
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    level = models.PositiveSmallIntegerField(_("层级"), choices=OrgLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # Villages and communities under this unit, stored by the division import (the only writer
    # of geographic orgs): the province and city boards read these instead of counting 52k rows.
    grassroots = models.PositiveIntegerField(_("村（社区）数"), default=0, editable=False)

    scope_field = "code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "code"], name="org_parent_code")]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("orgs:detail", kwargs={"code": self.code})

    @property
    def is_geographic(self) -> bool:
        return self.kind in GEOGRAPHIC_KINDS

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    @property
    def is_unit(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def scope_code(self) -> str:
        """The code prefix a role held at this org covers: a unit serves its jurisdiction."""
        return self.parent.code if self.is_unit else self.code

    def ancestor_code(self, level: int) -> str:
        """The code of this org's ancestor at `level`, or its own at its own level; a unit answers
        for its jurisdiction (a village's county: `village.ancestor_code(OrgLevel.COUNTY)`)."""
        if level > self.level:
            raise ValueError(f"{self.code} is above level {level}")
        return ancestor_code(self.code, level)

    @cached_property
    def ancestors(self) -> list["Org"]:
        """Province first, this org's parent last; one query."""
        from lianxin.orgs.choices import CODE_LENGTH

        base = self.scope_code
        codes = [base[:n] for n in CODE_LENGTH.values() if n < len(base)]
        if self.is_unit:
            codes.append(base)
        return list(Org.objects.filter(code__in=codes).order_by("level", "code"))
