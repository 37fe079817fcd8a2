from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.orgs.choices import OrgKind


class ReplyKind(models.TextChoices):
    NONE = "none", _("无需回复")
    TEXT = "text", _("回复文字")
    FILE = "file", _("上报文件")


# The kinds of unit a notice can be addressed to: the lower levels of the tree and the county's
# own units (task forces, responsible units).
class TargetKind(models.TextChoices):
    COUNTY = OrgKind.COUNTY, _("县（市、区）")
    TOWNSHIP = OrgKind.TOWNSHIP, _("乡镇（街道）")
    VILLAGE = OrgKind.VILLAGE, _("村")
    COMMUNITY = OrgKind.COMMUNITY, _("社区")
    TASK_FORCE = OrgKind.TASK_FORCE, _("工作专班")
    RESPONSIBLE_UNIT = OrgKind.RESPONSIBLE_UNIT, _("责任单位")


class ReceiptStatus(models.TextChoices):
    UNREAD = "unread", _("未读")
    READ = "read", _("已读")
    REPLY_DUE = "reply_due", _("未回复")
    REPLIED = "replied", _("已回复")
