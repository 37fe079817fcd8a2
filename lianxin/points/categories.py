"""Three-category households (“三类户”评定挂牌): a county's categories and criteria (示范户 /
合格户 / 整改户), a village's periodic rating of its households with reasons, confirmed by the
township and then publicised; a household's category is the one of its latest confirmed
rating, and the one before shows its movement."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.models import OrgOwnedModel
from lianxin.core.scope import ScopedManager
from lianxin.points.choices import RatingStatus


class HouseholdCategory(OrgOwnedModel):
    """A county's category; `rank` 1 is the best."""

    name = models.CharField(_("类别"), max_length=20)
    rank = models.PositiveSmallIntegerField(_("等次"))
    criteria = models.TextField(_("评定标准"))

    class Meta:
        verbose_name = _("三类户类别")
        verbose_name_plural = _("三类户类别")
        ordering = ["org__code", "rank"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="points_category_name_per_county")]

    def __str__(self):
        return self.name


class Rating(OrgOwnedModel):
    """A village's rating round (say 2026年上半年)."""

    period = models.CharField(_("评定期次"), max_length=30)
    status = models.CharField(_("状态"), max_length=10, choices=RatingStatus.choices, default=RatingStatus.DRAFT)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    publicity_until = models.DateField(_("公示截止"), null=True, blank=True)

    class Meta:
        verbose_name = _("三类户评定")
        verbose_name_plural = _("三类户评定")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["org", "period"], name="points_rating_per_period")]

    def __str__(self):
        return f"{self.org} {self.period}"

    def get_absolute_url(self):
        return reverse("points:rating_detail", kwargs={"pk": self.pk})


class RatedHousehold(models.Model):
    rating = models.ForeignKey(Rating, verbose_name=_("评定"), on_delete=models.CASCADE, related_name="households")
    household = models.ForeignKey(
        "registers.Household", verbose_name=_("农户"), on_delete=models.PROTECT, related_name="category_ratings"
    )
    category = models.ForeignKey(HouseholdCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("评定理由"), max_length=200)

    scope_field = "rating__org__code"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("户评定结果")
        verbose_name_plural = _("户评定结果")
        ordering = ["rating", "category__rank", "household__number"]
        constraints = [models.UniqueConstraint(fields=["rating", "household"], name="points_one_category_per_rating")]

    def __str__(self):
        return f"{self.household} {self.category}"
