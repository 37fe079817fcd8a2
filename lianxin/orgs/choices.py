from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（市、区）")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE = "village", _("村")
    COMMUNITY = "community", _("社区")
    TASK_FORCE = "taskforce", _("工作专班")
    RESPONSIBLE_UNIT = "responsible_unit", _("责任单位")
    CREATION_OFFICE = "creation_office", _("创建办")


class OrgLevel(models.IntegerChoices):
    PROVINCE = 1, _("省级")
    CITY = 2, _("市级")
    COUNTY = 3, _("县级")
    TOWNSHIP = 4, _("乡级")
    VILLAGE = 5, _("村级")


# Length of the official code at each level: the prefix of a code is its ancestry.
CODE_LENGTH = {
    OrgLevel.PROVINCE: 2,
    OrgLevel.CITY: 4,
    OrgLevel.COUNTY: 6,
    OrgLevel.TOWNSHIP: 9,
    OrgLevel.VILLAGE: 12,
}
LEVEL_BY_LENGTH = {length: level for level, length in CODE_LENGTH.items()}


def ancestor_code(code: str, level: int) -> str:
    """The code of the ancestor at `level` of the unit with this code: the code's prefix of that
    level's length (410883105201 → 410883 at the county level). A unit's code starts with its
    jurisdiction's, so it answers for the jurisdiction."""
    length = CODE_LENGTH[OrgLevel(level)]
    if len(code) < length:
        raise ValueError(f"code {code!r} has no ancestor at level {level}")
    return code[:length]


GEOGRAPHIC_KINDS = (
    OrgKind.PROVINCE,
    OrgKind.CITY,
    OrgKind.COUNTY,
    OrgKind.TOWNSHIP,
    OrgKind.VILLAGE,
    OrgKind.COMMUNITY,
)
GRASSROOTS_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
UNIT_KINDS = (OrgKind.TASK_FORCE, OrgKind.RESPONSIBLE_UNIT, OrgKind.CREATION_OFFICE)
# Non-geographic units get the jurisdiction's code plus these letters and a sequence number.
UNIT_CODE_MARK = {
    OrgKind.TASK_FORCE: "ZB",
    OrgKind.RESPONSIBLE_UNIT: "ZR",
    OrgKind.CREATION_OFFICE: "CJ",
}
