from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterStatus(models.TextChoices):
    OPEN = "open", _("推进中")
    DONE = "done", _("已办结")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("好")
    GOOD = "good", _("较好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("差")
