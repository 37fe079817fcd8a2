"""The key-matters lists over the API: the same scope and services as the pages. Matters are
read (filtered by unit and month) and moved on by the unit's keepers (progress, complete); the
office's reviews and the month's overview are read here, written on the pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.core.api import ScopedReadOnlyViewSet, api_router, call_service, validated
from lianxin.core.views import actor
from lianxin.keymatters import services
from lianxin.keymatters.filters import month_of
from lianxin.keymatters.models import KeyMatter, ListReview
from lianxin.keymatters.months import on_list
from lianxin.keymatters.plugin import Action

Code = serializers.SlugRelatedField


class KeyMatterTextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class KeyMatterSerializer(serializers.ModelSerializer):
    unit = Code(source="org", slug_field="code", read_only=True, label="单位代码")
    unit_name = serializers.CharField(source="org.short_name", read_only=True)
    villages = Code(many=True, slug_field="code", read_only=True, label="涉及村（社区）代码")
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = KeyMatter
        fields = [
            "id",
            "unit",
            "unit_name",
            "title",
            "description",
            "owner",
            "deadline",
            "star",
            "villages",
            "entered_on",
            "status",
            "done_on",
            "done_note",
            "overdue",
        ]


class KeyMatterReviewSerializer(serializers.ModelSerializer):
    unit = Code(source="org", slug_field="code", read_only=True)

    class Meta:
        model = ListReview
        fields = ["id", "unit", "month", "grade", "comment", "reviewer", "reviewed_at"]


MONTH = OpenApiParameter("month", str, description="年-月：只列该月清单上的事项")
UNIT = OpenApiParameter("unit", str, description="单位代码")


class MatterViewSet(ScopedReadOnlyViewSet):
    """重点事项: `?unit=` a unit's, `?month=2026-11` that month's list."""

    model = KeyMatter
    serializer_class = KeyMatterSerializer

    @property
    def permission_action(self):
        return (
            Action.KEYMATTERS_KEEP
            if getattr(self, "action", None) in ("progress", "complete")
            else Action.KEYMATTERS_VIEW
        )

    def get_queryset(self):
        rows = super().get_queryset().select_related("org").prefetch_related("villages").order_by("org__code", "id")
        params = self.request.query_params
        if params.get("unit"):
            rows = rows.filter(org__code=params["unit"])
        if params.get("month"):
            month = month_of(params["month"])
            rows = rows.filter(on_list(month)) if month else rows.none()
        return rows

    @extend_schema(parameters=[UNIT, MONTH])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def answer(self, service, **extra):
        matter = self.get_object()
        text = validated(KeyMatterTextSerializer, self.request)["text"]
        result = call_service(service, actor(self.request), matter, text, **extra)
        return Response(KeyMatterSerializer(result if isinstance(result, KeyMatter) else result.matter).data)

    @extend_schema(request=KeyMatterTextSerializer, responses=KeyMatterSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self.answer(services.add_progress)

    @extend_schema(request=KeyMatterTextSerializer, responses=KeyMatterSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.answer(services.complete_matter)


class ReviewViewSet(ScopedReadOnlyViewSet):
    """创建办对各单位月度清单的点评."""

    model = ListReview
    serializer_class = KeyMatterReviewSerializer
    permission_action = Action.KEYMATTERS_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-month", "org__code")


api_router.register("keymatters/matters", MatterViewSet, basename="keymatters-matter")
api_router.register("keymatters/reviews", ReviewViewSet, basename="keymatters-review")
