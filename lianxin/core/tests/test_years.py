from datetime import date
from unittest import mock

from django.test import RequestFactory

from lianxin.core import years


def test_choices_run_from_next_year_back_to_2022():
    with mock.patch.object(years.timezone, "localdate", return_value=date(2026, 11, 26)):
        assert [y for y, _label in years.year_choices()] == [2027, 2026, 2025, 2024, 2023, 2022]


def test_request_year_falls_back_to_this_year():
    factory = RequestFactory()
    assert years.request_year(factory.get("/?year=2023")) == 2023
    assert years.request_year(factory.post("/", {"year": "2024"})) == 2024
    assert years.request_year(factory.get("/?year=abc")) == years.current_year()
    assert years.request_year(factory.get("/?year=1999")) == years.current_year()
