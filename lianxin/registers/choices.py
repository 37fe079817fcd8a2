"""Choice classes of the registers, used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class HouseholdTag(models.TextChoices):
    LOW_INCOME = "低保户", _("低保户")
    ELDERLY_ALONE = "独居老人", _("独居老人")
    OUT_OF_POVERTY = "脱贫户", _("脱贫户")
    DISABLED = "残疾人家庭", _("残疾人家庭")
    LEFT_BEHIND = "留守儿童", _("留守儿童")
    MILITARY = "军属", _("军属")


class HouseholdStatus(models.TextChoices):
    """Whether a household is still on the village's roll. One that left is kept (its visits and
    links count in the statistics) and anonymised after the retention period."""

    ACTIVE = "active", _("在册")
    MOVED = "moved", _("迁出")
    CLOSED = "closed", _("注销")


DEPARTED = (HouseholdStatus.MOVED, HouseholdStatus.CLOSED)
