"""Personal data (security.md items 12–13), for every app: checking mobiles, phones and
resident ID numbers (GB 11643 check digit), and masking them wherever they are listed,
exported or written to the audit log.

A model declares which of its fields hold such data, and of what kind, in one place:

    personal_fields = {"mobile": MOBILE}

and every path out reads that declaration: audit snapshots (`audit.services.snapshot`),
tables and their Excel exports (`core.tables.MaskedColumn`, chosen automatically for a
declared field), API serializers (`core.api.PersonalDataSerializerMixin`) and edit forms
(`MaskedInitialMixin` below). `core/tests/test_personal_data.py` pins the declarations and
fails for a field that looks personal (mobile, phone, ID number, contact) but is not declared.
"""

import re
from datetime import date

from django.apps import apps
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


def mask_name(name: str) -> str:
    """王建国 -> 王**: the surname alone, as on a public notice or a plaque."""
    return f"{name[:1]}{'*' * max(len(name) - 1, 1)}" if name else ""


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


def mask_contact(value: str | None) -> str:
    """A free-text contact (a mobile, or anything else a member of the public typed)."""
    if value and len(value) == 11 and value.isdigit():
        return mask_mobile(value)
    return (value[:2] + "***") if value else ""


# Kinds of personal data, each with its mask.
ID_CARD, MOBILE, PHONE, CONTACT = "id_card", "mobile", "phone", "contact"
MASKS = {ID_CARD: mask_id_card, MOBILE: mask_mobile, PHONE: mask_phone, CONTACT: mask_contact}


def personal_fields(model) -> dict[str, str]:
    """Field name -> kind, as `model` (a class or an instance) declares in `personal_fields`."""
    return dict(getattr(model, "personal_fields", None) or {})


def mask(kind: str, value):
    """`value` masked for its kind; empty values (and None) stay as they are."""
    return MASKS[kind](value) if value else value


def masked(model, data: dict) -> dict:
    """`data` (field name -> value) with the declared personal fields of `model` masked."""
    fields = personal_fields(model)
    return {name: mask(fields[name], value) if name in fields else value for name, value in data.items()}


def masked_for_label(label: str, data):
    """An audit event's before/after with the personal data of its object's model masked, for
    events written before snapshots masked it (the log itself is append-only)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return data
    return masked(model, data) if isinstance(data, dict) else data


def unmasked(kind: str, submitted, stored):
    """What a client meant by sending back the masked text it was shown: the stored value.

    Forms and API responses show personal data masked, so an unchanged field comes back
    masked; it must keep the stored value, not be refused as malformed or written masked."""
    return stored if stored and submitted == mask(kind, stored) else submitted


class MaskedInitialMixin:
    """Form mixin: declared personal fields of `obj` are shown masked, never in full, and
    posting the masked text back unchanged keeps the stored value. Call
    `self.mask_personal(obj)` at the end of `__init__`."""

    def mask_personal(self, obj) -> None:
        for name, kind in personal_fields(obj).items():
            stored = getattr(obj, name)
            if name not in self.fields or not stored:
                continue
            self.initial[name] = mask(kind, stored)
            key = self.add_prefix(name)
            if self.is_bound and key in self.data:
                value = unmasked(kind, self.data.get(key), stored)
                if value != self.data.get(key):
                    self.data = self.data.copy()
                    self.data[key] = value
