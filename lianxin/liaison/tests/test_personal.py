"""Personal data (security.md item 13): liaison keeps none of its own; households and members
are the registers' (registers/tests/test_personal.py pins theirs)."""

from lianxin.registers.tests.test_personal import unpinned


def test_liaison_models_hold_no_personal_data_field():
    assert unpinned("liaison", {}) == {}
