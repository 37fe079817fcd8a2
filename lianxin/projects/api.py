"""The project list over the API: the same scope and services as the pages. Supply, demands
and allocations are read; the office matches supply to a demand (`match`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.core.api import ScopedReadOnlyViewSet, api_router, call_service, validated
from lianxin.core.views import actor
from lianxin.projects import services
from lianxin.projects.models import Allocation, DemandProject, SupplyProject
from lianxin.projects.plugin import Action

Code = serializers.SlugRelatedField


class ProjectSupplySerializer(serializers.ModelSerializer):
    county = Code(source="org", slug_field="code", read_only=True)

    class Meta:
        model = SupplyProject
        fields = [
            "id",
            "county",
            "department",
            "fund_name",
            "kind",
            "amount",
            "allocated",
            "year",
            "conditions",
            "star",
        ]


class ProjectDemandSerializer(serializers.ModelSerializer):
    village = Code(source="org", slug_field="code", read_only=True)

    class Meta:
        model = DemandProject
        fields = [
            "id",
            "village",
            "year",
            "title",
            "star",
            "work_item",
            "description",
            "amount_asked",
            "priority",
            "status",
            "funded",
            "spent",
            "progress",
            "completed_on",
        ]


class ProjectAllocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Allocation
        fields = ["id", "supply", "demand", "amount", "reason", "created_at"]


class ProjectMatchSerializer(serializers.Serializer):
    supply = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    reason = serializers.CharField(max_length=2000)


class SupplyViewSet(ScopedReadOnlyViewSet):
    """供给侧项目库."""

    model = SupplyProject
    serializer_class = ProjectSupplySerializer
    permission_action = Action.PROJECTS_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-year", "id")


class DemandViewSet(ScopedReadOnlyViewSet):
    """需求侧项目; the office matches supply to one (`match`)."""

    model = DemandProject
    serializer_class = ProjectDemandSerializer

    @property
    def permission_action(self):
        return Action.PROJECTS_MATCH if getattr(self, "action", None) == "match" else Action.PROJECTS_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-year", "id")

    @extend_schema(request=ProjectMatchSerializer, responses=ProjectAllocationSerializer)
    @action(detail=True, methods=["post"])
    def match(self, request, pk=None):
        demand = self.get_object()
        data = validated(ProjectMatchSerializer, request)
        supply = SupplyProject.objects.restrict(request.user, Action.PROJECTS_MATCH).filter(pk=data["supply"]).first()
        if supply is None:
            return Response({"supply": ["供给侧项目不存在或不在您的范围内"]}, status=400)
        allocation = call_service(
            services.match, actor(request), demand, supply=supply, amount=data["amount"], reason=data["reason"]
        )
        return Response(ProjectAllocationSerializer(allocation).data)


class AllocationViewSet(ScopedReadOnlyViewSet):
    """项目匹配记录."""

    model = Allocation
    serializer_class = ProjectAllocationSerializer
    permission_action = Action.PROJECTS_VIEW

    def get_queryset(self):
        return super().get_queryset().order_by("-id")


api_router.register("projects/supply", SupplyViewSet, basename="projects-supply")
api_router.register("projects/demands", DemandViewSet, basename="projects-demand")
api_router.register("projects/allocations", AllocationViewSet, basename="projects-allocation")
