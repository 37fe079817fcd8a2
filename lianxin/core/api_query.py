"""Typed query parameters for the API (security review point 7): every parameter a view reads
is declared with its type, appears in /api/schema/, and is checked before it is used. A
malformed one (`?year=x`, `?plan=null`, `?page=[]`, `?parent=abc`) is 400 with Django's Chinese
message, in the field-errors shape serializers give (`{"year": ["输入整数。"]}`) — never
silently ignored, never a 500 from a database that cannot hold the number. An empty one
(`?year=`) is the same as none, as django-filter reads it; the schema says so.

Lists declare a django-filter FilterSet built from the filters below: DRF's DjangoFilterBackend
validates it and answers 400, and drf-spectacular documents it (each filter carries its JSON
schema). A view that is not a list cleans its parameters with `clean_query()` and the same
filters. Pages are checked by `Pagination`. Kept apart from core/api.py: DRF imports the
pagination class named in the settings while it is still loading."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

BIGINT_MAX = 2**63 - 1  # the largest id either database stores (BigAutoField)
CODE_PATTERN = "^[0-9A-Z]{1,16}$"  # an Org code: division digits, a unit's two-letter mark


def documented(cls):
    """The filter's `schema()` goes into /api/schema/ for every parameter made from it."""
    return extend_schema_field(cls.schema())(cls)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number from `minimum` to `maximum`, checked and documented alike."""

    field_class = forms.IntegerField
    minimum, maximum = 1, BIGINT_MAX

    def __init__(self, **kwargs):
        super().__init__(min_value=self.minimum, max_value=self.maximum, **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {"type": "integer", "minimum": cls.minimum, "maximum": cls.maximum}


@documented
class IdFilter(IntegerFilter):
    pass


@documented
class YearFilter(IntegerFilter):
    maximum = 9999


@documented
class FlagFilter(IntegerFilter):
    """`?pending=1`: the FilterSet's `method` gets 1, or 0 (which should change nothing)."""

    minimum, maximum = 0, 1

    @classmethod
    def schema(cls) -> dict:
        return {"type": "integer", "enum": [0, 1]}


@documented
class CodeFilter(django_filters.CharFilter):
    def __init__(self, **kwargs):
        validator = RegexValidator(CODE_PATTERN, _("代码只能由数字和大写字母组成，最长16位"))
        super().__init__(validators=[validator], **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {"type": "string", "pattern": CODE_PATTERN}


class ListFilterBackend(DjangoFilterBackend):
    """A viewset's FilterSet narrows its list; one object is found by its address alone, as the
    schema documents it (DRF would apply the list's filters to the detail too)."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        return super().filter_queryset(request, queryset, view)


class YearFilterSet(django_filters.FilterSet):
    """`?year=` for the lists that belong to a year."""

    year = YearFilter(help_text=_("年度"))


def query_parameters(**filters) -> list[OpenApiParameter]:
    """The schema's parameters for a view that cleans them with `clean_query()`."""
    return [
        OpenApiParameter(name, f.schema(), description=f.extra.get("help_text") or f.label or "")
        for name, f in filters.items()
    ]


def clean_query(request, **filters) -> dict:
    """The cleaned values of `filters` (name → filter) read from the query string, for a view
    that is not a list; a malformed value raises 400 as DjangoFilterBackend does."""
    fields = {name: f.field for name, f in filters.items()}
    form = type("QueryForm", (forms.Form,), fields)(request.query_params)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.cleaned_data


class Pagination(PageNumberPagination):
    """`?page=` is a whole number from 1 (or `last`): anything else is 400; a page past the end
    stays 404, as in DRF."""

    page_field = forms.IntegerField(min_value=1)

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        if isinstance(number, int):
            return number
        try:
            return self.page_field.clean(number)
        except forms.ValidationError as exc:
            raise ValidationError({self.page_query_param: exc.messages}) from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
