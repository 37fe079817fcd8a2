from django.db import models
from django.utils.translation import gettext_lazy as _


class Star(models.TextChoices):
    """The five stars, in the order the provincial standard lists them."""

    BRANCH = "branch", _("支部过硬星")
    INDUSTRY = "industry", _("产业兴旺星")
    ECOLOGY = "ecology", _("生态宜居星")
    SAFETY = "safety", _("平安法治星")
    CIVILITY = "civility", _("文明幸福星")


class StandardStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Comparison(models.TextChoices):
    GTE = ">=", "≥"
    LTE = "<=", "≤"
    EQ = "=", "="
