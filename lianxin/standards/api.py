from rest_framework import serializers

from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.core.api_query import YearFilterSet
from lianxin.standards.models import KeyTask, Standard, WorkItem
from lianxin.standards.plugin import Action

CRITERIA = ["title", "criteria", "evidence", "indicator_unit", "indicator_comparison", "indicator_threshold", "weight"]


class WorkItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkItem
        fields = ["id", "code", *CRITERIA]


class KeyTaskSerializer(serializers.ModelSerializer):
    work_items = WorkItemSerializer(many=True, read_only=True)

    class Meta:
        model = KeyTask
        fields = ["id", "star", "number", *CRITERIA, "work_items"]


class StandardSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "org", "year", "title", "status", "is_sample", "published_at"]


class StandardDetailSerializer(StandardSerializer):
    key_tasks = KeyTaskSerializer(many=True, read_only=True)

    class Meta(StandardSerializer.Meta):
        fields = [*StandardSerializer.Meta.fields, "key_tasks"]


class StandardViewSet(ScopedReadOnlyViewSet):
    """Standards the caller works to or manages: the list gives headers, the detail the whole
    catalogue (stars → key tasks → work items)."""

    model = Standard
    permission_action = Action.STANDARDS_VIEW
    filterset_class = YearFilterSet

    def get_serializer_class(self):
        return StandardDetailSerializer if self.action == "retrieve" else StandardSerializer

    def get_queryset(self):
        queryset = super().get_queryset().select_related("org")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("key_tasks__work_items")
        return queryset


api_router.register("standards", StandardViewSet, basename="standard")
