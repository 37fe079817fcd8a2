"""Personal data (security.md items 12–13): check digits, masking, and the pinned field list."""

import pytest
from django.core.exceptions import ValidationError

from lianxin.liaison import models
from lianxin.liaison.personal import id_card_validator, mask_id_card, mask_mobile, mask_phone

# Adding a personal-data field is a reviewed act: change this list and models.PERSONAL_FIELDS together.
PINNED = {
    "Household": ("head_name", "head_id_number", "phone", "address"),
    "PartyMember": ("name", "id_number", "mobile", "birth_date"),
    "Cadre": ("name", "mobile"),
}
# Field names that mean personal data wherever they appear.
PERSONAL_NAMES = {"head_name", "head_id_number", "id_number", "phone", "mobile", "address", "birth_date", "name"}


def test_personal_fields_are_pinned():
    assert models.PERSONAL_FIELDS == PINNED


def test_no_unpinned_personal_field_exists():
    from django.apps import apps

    for model in apps.get_app_config("liaison").get_models():
        found = {f.name for f in model._meta.fields if f.name in PERSONAL_NAMES}
        assert found <= set(PINNED.get(model.__name__, ())), f"{model.__name__}: {found}"


@pytest.mark.parametrize("value", ["11010519491231002X", "410883199001011230", "11010519491231002x"])
def test_valid_id_numbers(value):
    id_card_validator(value)


@pytest.mark.parametrize("value", ["110105194912310021", "41088319900101123", "410883199013011234", "abc"])
def test_invalid_id_numbers(value):
    with pytest.raises(ValidationError):
        id_card_validator(value)


def test_masks():
    assert mask_id_card("410883199001011230") == "410883********1230"
    assert mask_mobile("13800138000") == "138****8000"
    assert mask_phone("0391-8123456") == "********3456"
    assert mask_id_card("") == ""
