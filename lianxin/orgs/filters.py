import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org


def search_orgs(queryset, text: str):
    """Name, code or pinyin initials: `gwm` finds 关王庙村, `410883105` finds 西虢镇."""
    text = text.strip()
    if not text:
        return queryset
    condition = Q(short_name__contains=text) | Q(name__contains=text)
    if text.isdigit():
        condition |= prefix_q(text)
    elif text.isascii() and text.isalpha():
        condition |= Q(initials__contains=text.lower())
    return queryset.filter(condition)


class OrgFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称/拼音首字母/代码"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=OrgKind.choices)

    class Meta:
        model = Org
        fields = ["q", "kind"]

    def filter_q(self, queryset, name, value):
        return search_orgs(queryset, value)
