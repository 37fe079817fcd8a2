"""Choice classes for 党群连心, used in code and tests alike."""

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
    CLOSE = "close", _("办结")


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
