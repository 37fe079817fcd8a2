"""Personal data (security.md items 12–13): ID-card check digits and masking, shared by every app."""

import pytest
from django.core.exceptions import ValidationError

from lianxin.core.personal import id_card_validator, mask_id_card, mask_mobile, mask_phone


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
