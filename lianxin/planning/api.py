"""The planning workflow over the API, for a mobile client: the same services as the pages."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from lianxin.core.api import (
    ActionPerVerb,
    PersonalDataSerializerMixin,
    ScopedViewSetMixin,
    api_router,
    api_urlpatterns,
    call_service,
    validated,
)
from lianxin.core.api_query import IdFilter, YearFilter, YearFilterSet, clean_query, query_parameters
from lianxin.core.views import actor
from lianxin.orgs.models import Org
from lianxin.orgs.views import scoped_org
from lianxin.planning import board, services
from lianxin.planning.models import CreationPlan, Measure, PlanStar, ProgressReport
from lianxin.planning.plugin import Action
from lianxin.standards.choices import Star
from lianxin.standards.models import WorkItem


class PlanStarSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanStar
        fields = ["star", "targeted", "strengths", "weaknesses", "weak_items"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    stars = PlanStarSerializer(many=True, read_only=True)

    class Meta:
        model = CreationPlan
        fields = [
            "id",
            "org",
            "year",
            "standard",
            "target_level",
            "status",
            "return_reason",
            "submitted_at",
            "reviewed_at",
            "stars",
        ]
        read_only_fields = fields


class PlanCreateSerializer(serializers.Serializer):
    village = serializers.CharField(help_text="村（社区）代码")
    year = serializers.IntegerField(min_value=2022, max_value=2100)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PlanViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Creation plans; POST creates one for a village, and submit / accept / return move it on."""

    model = CreationPlan
    read_permission = Action.PLANS_VIEW
    serializer_class = PlanSerializer
    filterset_class = YearFilterSet
    action_permissions = {
        "create": Action.PLANS_EDIT,
        "submit": Action.PLANS_EDIT,
        "accept": Action.PLANS_REVIEW,
        "return_plan": Action.PLANS_REVIEW,
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("stars__weak_items")

    @extend_schema(request=PlanCreateSerializer, responses=PlanSerializer)
    def create(self, request):
        data = validated(PlanCreateSerializer, request)
        village = get_object_or_404(Org.objects.restrict(request.user, Action.PLANS_EDIT), code=data["village"])
        plan = call_service(services.create_plan, actor(request), village, data["year"])
        return Response(PlanSerializer(plan).data, status=201)

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return Response(PlanSerializer(call_service(services.submit_plan, actor(request), self.get_object())).data)

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return Response(PlanSerializer(call_service(services.accept_plan, actor(request), self.get_object())).data)

    @extend_schema(request=ReturnSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_plan(self, request, pk=None):
        plan = self.get_object()
        reason = validated(ReturnSerializer, request)["reason"]
        return Response(PlanSerializer(call_service(services.return_plan, actor(request), plan, reason)).data)


class MeasureSerializer(PersonalDataSerializerMixin, serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    work_item = serializers.PrimaryKeyRelatedField(queryset=WorkItem.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "star",
            "work_item",
            "description",
            "deadline",
            "responsible_name",
            "responsible_post",
            "responsible_mobile",
            "star_leader",
            "budget",
            "progress",
            "completed_at",
            "status",
        ]
        read_only_fields = ["id", "progress", "completed_at", "status"]


class MeasureFilter(django_filters.FilterSet):
    plan = IdFilter(help_text=_("创建规划 ID"))


class MeasureViewSet(
    ActionPerVerb,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Measures of plans in scope (`?plan=ID`); progress only moves through progress reports."""

    model = Measure
    read_permission = Action.PLANS_VIEW
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    action_permissions = {"create": Action.PLANS_EDIT, "update": Action.PLANS_EDIT, "partial_update": Action.PLANS_EDIT}

    def get_queryset(self):
        return super().get_queryset().select_related("plan")

    def perform_create(self, serializer):
        plan = serializer.validated_data["plan"]
        get_object_or_404(CreationPlan.objects.restrict(self.request.user, Action.PLANS_EDIT), pk=plan.pk)
        serializer.instance = self._save(plan, None, serializer.validated_data)

    def perform_update(self, serializer):
        measure = serializer.instance
        data = {**{f: getattr(measure, f) for f in services.MEASURE_FIELDS}, **serializer.validated_data}
        serializer.instance = self._save(measure.plan, measure, data)

    def _save(self, plan, measure, data):
        fields = {f: data.get(f) for f in services.MEASURE_FIELDS}
        for text in ("responsible_post", "responsible_mobile", "star_leader"):
            fields[text] = fields[text] or ""
        return call_service(services.save_measure, actor(self.request), plan, measure, fields)


class ProgressReportSerializer(serializers.ModelSerializer):
    files = serializers.ListField(child=serializers.FileField(), write_only=True, required=False)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = ["id", "measure", "date", "text", "progress", "files", "attachments", "created_at"]
        read_only_fields = ["id", "attachments", "created_at"]

    def get_attachments(self, report) -> list[dict]:
        return [{"id": a.pk, "name": a.original_name, "kind": a.kind} for a in report.attachments.all()]


class ProgressReportFilter(django_filters.FilterSet):
    measure = IdFilter(help_text=_("举措 ID"))


class ProgressReportViewSet(
    ActionPerVerb,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The ledger: reports on measures in scope (`?measure=ID`); POST (multipart) adds one."""

    model = ProgressReport
    read_permission = Action.PLANS_VIEW
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilter
    parser_classes = [MultiPartParser, JSONParser]
    action_permissions = {"create": Action.PLANS_EDIT}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("attachments")

    def perform_create(self, serializer):
        data = serializer.validated_data
        measure = get_object_or_404(
            Measure.objects.restrict(self.request.user, Action.PLANS_EDIT), pk=data["measure"].pk
        )
        serializer.instance = call_service(
            services.add_report,
            actor(self.request),
            measure,
            date=data["date"],
            text=data["text"],
            progress=data["progress"],
            files=data.get("files", []),
        )


class BoardCellSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    township = serializers.CharField()
    cells = serializers.DictField(child=serializers.CharField(), help_text="星 → 状态")


class BoardGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    villages = serializers.IntegerField()
    counts = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()), help_text="星 → 状态 → 村数"
    )


BOARD_ROWS = PolymorphicProxySerializer(
    component_name="BoardRow",
    serializers=[BoardCellSerializer, BoardGroupSerializer],
    resource_type_field_name=None,
    many=True,
)
BOARD_QUERY = {"year": YearFilter(help_text=_("年度，默认今年"))}


class BoardApiView(APIView):
    """The battle map for an org and year: villages × stars (county, township) or counts per
    child unit and star (city, province)."""

    permission_action = Action.PLANS_VIEW

    @extend_schema(parameters=query_parameters(**BOARD_QUERY), responses=BOARD_ROWS)
    def get(self, request, code):
        org = scoped_org(request.user, code, self.permission_action)
        today = timezone.localdate()
        year = clean_query(request, **BOARD_QUERY)["year"] or today.year
        if board.is_village_board(org):
            rows = board.village_rows(request.user, org, year, today)
            return Response(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "township": r.township,
                        "cells": dict(zip(Star.values, r.cells, strict=True)),
                    }
                    for r in rows
                ]
            )
        return Response(
            [
                {"code": g.code, "name": g.name, "villages": g.villages, "counts": g.counts}
                for g in board.group_rows(request.user, org, year, today)
            ]
        )


api_router.register("plans", PlanViewSet, basename="plan")
api_urlpatterns.append(path("board/<str:code>/", BoardApiView.as_view(), name="api-board"))
api_router.register("measures", MeasureViewSet, basename="measure")
api_router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
