import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from lianxin.accounts.roles import Action
from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.core.api_query import CodeFilter
from lianxin.orgs.filters import search_orgs
from lianxin.orgs.models import Org


class OrgSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True, label=_("上级代码"))

    class Meta:
        model = Org
        fields = ["code", "name", "short_name", "kind", "level", "parent"]


class OrgApiFilter(django_filters.FilterSet):
    parent = CodeFilter(field_name="parent__code", help_text=_("上级代码：只列其直接下级"))
    search = django_filters.CharFilter(method="filter_search", help_text=_("名称、拼音首字母或代码"))

    def filter_search(self, queryset, name, value):
        return search_orgs(queryset, value)


@extend_schema_view(list=extend_schema(summary="组织列表"), retrieve=extend_schema(summary="组织详情"))
class OrgViewSet(ScopedReadOnlyViewSet):
    """The organisation tree, within the caller's scope."""

    model = Org
    serializer_class = OrgSerializer
    permission_action = Action.ORGS_VIEW
    lookup_field = "code"
    lookup_value_regex = "[0-9A-Z]+"
    filterset_class = OrgApiFilter

    def get_queryset(self):
        return super().get_queryset().select_related("parent").order_by("code")


api_router.register("orgs", OrgViewSet, basename="org")
