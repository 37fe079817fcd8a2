"""Personal data (security.md items 12–13), for every app: checking mobiles, phones and
resident ID numbers (GB 11643 check digit), and masking them wherever they are listed,
exported or written to the audit log."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

mobile_validator = RegexValidator(r"^1[3-9]\d{9}$", _("请输入11位手机号码"))
# A household's phone may be a landline (0391-8123456) or a mobile.
phone_validator = RegexValidator(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$", _("请输入手机号码或带区号的固定电话"))


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_card_validator(value: str) -> None:
    """18-character resident ID (GB 11643-1999): shape, birth date and check digit."""
    value = (value or "").upper()
    if not _ID_SHAPE.match(value):
        raise ValidationError(_("身份证号应为18位（最后一位可为X）"), code="id_shape")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号中的出生日期无效"), code="id_birth") from None
    if id_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("身份证号校验位不符，请核对"), code="id_check")


def mask_mobile(value: str | None) -> str:
    """138****8000."""
    return f"{value[:3]}****{value[-4:]}" if value and len(value) == 11 else (value or "")


def mask_id_card(value: str | None) -> str:
    """410883********1234."""
    if not value:
        return ""
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}" if len(value) > 10 else "*" * len(value)


def mask_phone(value: str | None) -> str:
    """A mobile as `mask_mobile`; a landline keeps its last four digits."""
    if value and len(value) == 11 and value.startswith("1"):
        return mask_mobile(value)
    if value and len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return value or ""
