from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("基础设施")
    INDUSTRY = "industry", _("产业发展")
    ENVIRONMENT = "environment", _("人居环境")
    SERVICES = "services", _("公共服务")
    ORGANISATION = "organisation", _("组织建设")
    OTHER = "other", _("其他")


class Priority(models.TextChoices):
    URGENT = "1", _("急需")
    HIGH = "2", _("较急")
    NORMAL = "3", _("一般")


class DemandStatus(models.TextChoices):
    REPORTED = "reported", _("待匹配")
    MATCHED = "matched", _("已匹配")
    UNDERWAY = "underway", _("实施中")
    DONE = "done", _("已完工")
