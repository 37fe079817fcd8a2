"""Table columns every app shares.

A column that django-tables2 makes from a model field the model declares personal
(`personal_fields`, core/personal.py) is a `MaskedColumn`: masked on the page and in the Excel
export alike, without the table having to say so. A table that declares such a column by hand
uses `MaskedColumn(kind)` too; core/tests/test_personal_data.py checks every list and export.
"""

import django_tables2 as tables
from django_tables2.columns import library

from lianxin.core.personal import mask, personal_fields


@library.register
class MaskedColumn(tables.Column):
    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)

    @classmethod
    def from_field(cls, field, **kwargs):
        kind = personal_fields(getattr(field, "model", None)).get(field.name)
        return cls(kind, **kwargs) if kind else None

    def render(self, value):
        return mask(self.kind, value)

    def value(self, value):
        return mask(self.kind, value)
