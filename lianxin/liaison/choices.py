"""Choice classes for 党群连心, used in code and tests alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitWay(models.TextChoices):
    DOOR = "door", _("上门")
    PHONE = "phone", _("电话")
    WECHAT = "wechat", _("微信")


class Category(models.TextChoices):
    LIVELIHOOD = "livelihood", _("民生诉求")
    DISPUTE = "dispute", _("矛盾纠纷")
    POLICY = "policy", _("政策咨询")
    ENVIRONMENT = "environment", _("环境卫生")
    SUGGESTION = "suggestion", _("意见建议")
    OTHER = "other", _("其他")


class Level(models.TextChoices):
    """Who handles a matter: 村报告、乡处理、县办结."""

    VILLAGE = "village", _("村级")
    TOWNSHIP = "township", _("乡级")
    COUNTY = "county", _("县级")


# Days each level has to settle a matter before it is marked overdue.
TIME_LIMIT_DAYS = {Level.VILLAGE: 7, Level.TOWNSHIP: 15, Level.COUNTY: 30}
NEXT_LEVEL = {Level.VILLAGE: Level.TOWNSHIP, Level.TOWNSHIP: Level.COUNTY}
# Length of the division code of the org that handles a matter at each level.
LEVEL_CODE_LENGTH = {Level.VILLAGE: 12, Level.TOWNSHIP: 9, Level.COUNTY: 6}


class MatterStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    CLOSED = "closed", _("已办结")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class StepKind(models.TextChoices):
    REPORT = "report", _("村报告")
    ESCALATE = "escalate", _("上报")
    ASSIGN = "assign", _("交办责任单位")
    CLOSE = "close", _("办结")
