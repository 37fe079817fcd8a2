"""Choice classes of disputes, the three zeros and volunteer service."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeKind(models.TextChoices):
    NEIGHBOUR = "neighbour", _("邻里纠纷")
    FAMILY = "family", _("婚姻家庭")
    LAND = "land", _("土地山林")
    DEBT = "debt", _("债务纠纷")
    OTHER = "other", _("其他")


class DisputeStatus(models.TextChoices):
    MEDIATING = "mediating", _("调解中")
    CLOSED = "closed", _("已办结")


class Outcome(models.TextChoices):
    """How a dispute ended: settled in the village, or sent on (referred, or to court)."""

    MEDIATED = "mediated", _("调解成功")
    REFERRED = "referred", _("移交上级/部门")
    LITIGATED = "litigated", _("转诉讼")


class SessionKind(models.TextChoices):
    MEDIATION = "mediation", _("调解")
    COUNSELLING = "counselling", _("心理疏导")


class ServiceKind(models.TextChoices):
    ELDERLY = "elderly", _("助老服务")
    HAIRCUT = "haircut", _("义务理发")
    ENVIRONMENT = "environment", _("环境整治")
    STUDY = "study", _("政策宣讲")
    OTHER = "other", _("其他")


class Voting(models.TextChoices):
    COMMITTEE = "committee", _("评议委员会投票")
    RESIDENTS = "residents", _("村民投票（每户一票）")


class CampaignStatus(models.TextChoices):
    NOMINATING = "nominating", _("推荐提名")
    VOTING = "voting", _("投票中")
    PUBLICITY = "publicity", _("公示中")
    CLOSED = "closed", _("已结束")
