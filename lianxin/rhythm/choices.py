from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已生成")
    FAILED = "failed", _("失败")


class Flag(models.TextChoices):
    RED = "red", _("低于底线")
    YELLOW = "yellow", _("接近底线")
