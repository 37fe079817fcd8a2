from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from lianxin.accounts.roles import Action
from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.orgs.filters import search_orgs
from lianxin.orgs.models import Org


class OrgSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, label=_("上级代码"))

    class Meta:
        model = Org
        fields = ["code", "name", "short_name", "kind", "level", "parent"]


@extend_schema_view(
    list=extend_schema(
        summary="组织列表",
        parameters=[
            OpenApiParameter("parent", OpenApiTypes.STR, description="上级代码：只列其直接下级"),
            OpenApiParameter("search", OpenApiTypes.STR, description="名称、拼音首字母或代码"),
        ],
    ),
    retrieve=extend_schema(summary="组织详情"),
)
class OrgViewSet(ScopedReadOnlyViewSet):
    """The organisation tree, within the caller's scope."""

    model = Org
    serializer_class = OrgSerializer
    permission_action = Action.ORGS_VIEW
    lookup_field = "code"
    lookup_value_regex = "[0-9A-Z]+"
    filter_backends = []

    def get_queryset(self):
        queryset = super().get_queryset().select_related("parent").order_by("code")
        if self.action != "list":
            return queryset
        parent = self.request.query_params.get("parent")
        if parent:
            queryset = queryset.filter(parent__code=parent)
        return search_orgs(queryset, self.request.query_params.get("search", ""))


api_router.register("orgs", OrgViewSet, basename="org")
