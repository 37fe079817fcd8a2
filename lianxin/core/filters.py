import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.core.years import year_choices


class YearFilterSet(django_filters.FilterSet):
    """A `year` filter offering 全部 and the programme's years as of today (not as of the day
    the module was imported)."""

    year = django_filters.ChoiceFilter(label=_("年度"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()


def search_villages(queryset, value: str):
    """Rows of a village by the village's or its township's name, or pinyin initials."""
    value = value.strip()
    return queryset.filter(
        Q(org__short_name__contains=value)
        | Q(org__parent__short_name__contains=value)
        | Q(org__initials__contains=value.lower())
    )
