"""Cadres' areas and guidance over the API, under the addresses they had in 党群连心
(/api/v1/liaison/findings/ …): the same scope and services as the pages; statuses are
read-only — the services set them (security.md item 8)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.core.api import api_router, call_service, validated
from lianxin.guidance import services
from lianxin.guidance.models import AreaAssignment, Finding, GuidanceVisit, WeakBranch
from lianxin.guidance.plugin import Action
from lianxin.registers.api import Code, SectionViewSet


class LiaisonTextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class AssignmentSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="包联范围代码")
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)

    class Meta:
        model = AreaAssignment
        fields = ["id", "org", "cadre", "cadre_name", "year", "category", "note"]


class GuidanceSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = GuidanceVisit
        fields = ["id", "org", "cadre", "date", "notes"]


class FindingSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "org",
            "guidance_visit",
            "description",
            "deadline",
            "status",
            "overdue",
            "rectification",
            "rectified_at",
            "confirmed_at",
            "return_reason",
        ]


class WeakBranchSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = WeakBranch
        fields = ["id", "org", "year", "reasons", "measures", "cadre", "status", "delisted_on", "delist_note"]


class GuidanceViewSetBase(SectionViewSet):
    read_permission = Action.GUIDANCE_VIEW
    order_by: tuple[str, ...] = ()
    related: tuple[str, ...] = ("org",)

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related).order_by(*self.order_by)


class AssignmentViewSet(GuidanceViewSetBase):
    """干部包片 / 包乡联村."""

    model = AreaAssignment
    serializer_class = AssignmentSerializer
    related = ("org", "cadre")
    order_by = ("-year", "id")


class GuidanceViewSet(GuidanceViewSetBase):
    """干部指导走访."""

    model = GuidanceVisit
    serializer_class = GuidanceSerializer
    order_by = ("-date", "-id")


class FindingViewSet(GuidanceViewSetBase):
    """督导发现问题: the township reports rectification; the cadre's side confirms or returns."""

    model = Finding
    serializer_class = FindingSerializer
    order_by = ("deadline", "id")
    action_permissions = {
        "rectify": Action.GUIDANCE_RECTIFY,
        "confirm": Action.GUIDANCE_GUIDE,
        "send_back": Action.GUIDANCE_GUIDE,
    }

    def answer(self, service, with_text=True):
        finding = self.get_object()
        args = (validated(LiaisonTextSerializer, self.request)["text"],) if with_text else ()
        return Response(FindingSerializer(call_service(service, self.actor(), finding, *args)).data)

    @extend_schema(request=LiaisonTextSerializer, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        return self.answer(services.rectify_finding)

    @extend_schema(request=None, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self.answer(services.confirm_finding, with_text=False)

    @extend_schema(request=LiaisonTextSerializer, responses=FindingSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self.answer(services.return_finding)


class WeakBranchViewSet(GuidanceViewSetBase):
    """软弱涣散党组织: delisting after rectification."""

    model = WeakBranch
    serializer_class = WeakBranchSerializer
    order_by = ("-year", "org__code")
    action_permissions = {"delist": Action.GUIDANCE_GUIDE}

    @extend_schema(request=LiaisonTextSerializer, responses=WeakBranchSerializer)
    @action(detail=True, methods=["post"])
    def delist(self, request, pk=None):
        weak = self.get_object()
        note = validated(LiaisonTextSerializer, request)["text"]
        weak = call_service(services.delist_weak_branch, self.actor(), weak, note=note)
        return Response(WeakBranchSerializer(weak).data)


for prefix, viewset, basename in [
    ("liaison/areas", AssignmentViewSet, "guidance-area"),
    ("liaison/guidance", GuidanceViewSet, "guidance-visit"),
    ("liaison/findings", FindingViewSet, "guidance-finding"),
    ("liaison/weak-branches", WeakBranchViewSet, "guidance-weak-branch"),
]:
    api_router.register(prefix, viewset, basename=basename)
