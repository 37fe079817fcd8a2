"""Choice classes of cadres' areas and guidance, used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BranchCategory(models.TextChoices):
    """Why a cadre is paired with a branch (组工干部包乡联村: five-star, four-star and weak)."""

    FIVE_STAR = "five", _("五星支部")
    FOUR_STAR = "four", _("四星支部")
    WEAK = "weak", _("软弱涣散")
    TOWNSHIP = "township", _("包乡")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    RECTIFIED = "rectified", _("已整改待确认")
    CONFIRMED = "confirmed", _("已确认销号")


class WeakStatus(models.TextChoices):
    LISTED = "listed", _("整顿中")
    DELISTED = "delisted", _("已摘帽")
