"""Personal data (security.md item 13): guidance keeps none of its own; cadres are the
registers' (registers/tests/test_personal.py pins theirs)."""

from lianxin.registers.tests.test_personal import unpinned


def test_guidance_models_hold_no_personal_data_field():
    assert unpinned("guidance", {}) == {}
