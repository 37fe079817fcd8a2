"""Personal data (security.md items 12–13): the pinned list of the registers' personal-data
fields. Checking and masking the values is core's (core/tests/test_personal.py)."""

from django.apps import apps

from lianxin.registers import models

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


def unpinned(app_label: str, pinned: dict) -> dict:
    """Model -> the personal-data fields of `app_label`'s models that `pinned` does not list."""
    found = {}
    for model in apps.get_app_config(app_label).get_models():
        names = {f.name for f in model._meta.fields if f.name in PERSONAL_NAMES} - set(pinned.get(model.__name__, ()))
        if names:
            found[model.__name__] = names
    return found


def test_no_unpinned_personal_field_exists():
    assert unpinned("registers", PINNED) == {}
