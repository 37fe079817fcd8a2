"""党群连心 over the API: the same scope (`restrict`) and the same services as the pages.
Serializers list their fields; org, status, level and deadlines are read-only — the services
set them (security.md item 8)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from lianxin.core.api import api_router, call_service, validated
from lianxin.core.api_permissions import RolePermission
from lianxin.liaison import board, services
from lianxin.liaison.choices import Category, Satisfaction, VisitWay
from lianxin.liaison.models import Consultation, FollowUp, Matter, MatterStep, Visit
from lianxin.liaison.plugin import Action
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import scoped_org
from lianxin.registers.api import Code, SectionViewSet, village_in_scope
from lianxin.registers.models import Household, PartyMember


class LiaisonViewSet(SectionViewSet):
    read_permission = Action.LIAISON_VIEW


# --- serializers ------------------------------------------------------------------------------


class VisitSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    photo = serializers.ImageField(write_only=True, required=False, label="照片")
    make_matter = serializers.BooleanField(write_only=True, required=False, default=False, label="形成诉求事项")
    photos = serializers.SerializerMethodField(label="照片地址")
    matter = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)  # a visit that raised none

    class Meta:
        model = Visit
        fields = [
            "id",
            "org",
            "household",
            "member",
            "date",
            "way",
            "raised",
            "category",
            "photo",
            "make_matter",
            "photos",
            "matter",
            "created_at",
        ]
        read_only_fields = ["id", "org", "created_at"]

    def get_photos(self, obj) -> list[str]:
        return [reverse("liaison:photo", kwargs={"pk": p.pk}) for p in obj.photos.all()]


class MatterStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterStep
        fields = ["kind", "level", "note", "at"]


class MatterSerializer(serializers.ModelSerializer):
    satisfaction = serializers.ChoiceField(
        Satisfaction.choices,
        source="return_visit.satisfaction",
        read_only=True,
        allow_null=True,
        default=None,
        label="回访满意度",
    )
    org = Code(slug_field="code", read_only=True)
    village = serializers.CharField(write_only=True, label="村代码（报告时）")
    steps = MatterStepSerializer(many=True, read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True, label="超期")

    class Meta:
        model = Matter
        fields = [
            "id",
            "org",
            "village",
            "household",
            "visit",
            "title",
            "description",
            "category",
            "level",
            "status",
            "deadline",
            "overdue",
            "reported_at",
            "escalated_at",
            "closed_at",
            "resolution",
            "satisfaction",
            "steps",
        ]
        read_only_fields = [
            "id",
            "org",
            "household",
            "visit",
            "level",
            "status",
            "deadline",
            "reported_at",
            "escalated_at",
            "closed_at",
            "resolution",
            "satisfaction",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "task", "owner", "deadline", "done_on"]


class ConsultationSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "org", "date", "topic", "attendees", "decisions", "matters", "follow_ups"]


class LiaisonEscalateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, label="上报原因")


class LiaisonCloseSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=4000, label="办理结果")


class LiaisonReturnVisitSerializer(serializers.Serializer):
    date = serializers.DateField(label="回访日期")
    way = serializers.ChoiceField(VisitWay.choices, default=VisitWay.PHONE, label="回访方式")
    satisfaction = serializers.ChoiceField(Satisfaction.choices, label="群众满意度")
    opinion = serializers.CharField(max_length=4000, required=False, default="", allow_blank=True, label="群众意见")


# --- viewsets ---------------------------------------------------------------------------------


class VisitViewSet(mixins.CreateModelMixin, LiaisonViewSet):
    """走访记录: a member logs a visit (multipart with a photo, or JSON)."""

    model = Visit
    serializer_class = VisitSerializer
    parser_classes = [JSONParser, MultiPartParser]
    action_permissions = {"create": Action.LIAISON_VISIT}

    def get_serializer(self, *args, **kwargs):
        user = self.request.user
        return self.limit_choices(
            super().get_serializer(*args, **kwargs),
            # The service reads the household's village: loaded with it (the scope joins it anyway).
            household=Household.objects.restrict(user, Action.LIAISON_VISIT).select_related("org"),
            member=PartyMember.objects.restrict(user, Action.LIAISON_VISIT),
        )

    def get_queryset(self):
        return super().get_queryset().select_related("org", "matter").prefetch_related("photos")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = call_service(
            services.log_visit,
            self.actor(),
            data["household"],
            day=data.get("date") or timezone.localdate(),
            way=data.get("way", VisitWay.DOOR),
            member=data.get("member"),
            raised=data.get("raised", ""),
            category=data.get("category", ""),
            photo=data.get("photo"),
            make_matter=data.get("make_matter", False),
        )


class MatterViewSet(mixins.CreateModelMixin, LiaisonViewSet):
    """诉求事项: report (村报告), escalate (上报), close (办结), the township's return visit (回访);
    `satisfaction` is the household's answer in that return visit, null until then."""

    model = Matter
    serializer_class = MatterSerializer
    action_permissions = {
        "create": Action.LIAISON_EDIT,
        "escalate": Action.LIAISON_ESCALATE,
        "close": Action.LIAISON_HANDLE,
        "return_visit": Action.LIAISON_RETURN_VISIT,
    }

    def get_queryset(self):
        matters = super().get_queryset().select_related("org", "return_visit").prefetch_related("steps")
        return matters.order_by("-reported_at", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        village = village_in_scope(self.request.user, data.pop("village"), Action.LIAISON_EDIT)
        serializer.instance = call_service(
            services.report_matter,
            self.actor(),
            village,
            title=data["title"],
            description=data.get("description", ""),
            category=data.get("category", Category.OTHER),
        )

    @extend_schema(request=LiaisonEscalateSerializer, responses=MatterSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        matter = self.get_object()
        note = validated(LiaisonEscalateSerializer, request)["note"]
        return Response(MatterSerializer(call_service(services.escalate_matter, self.actor(), matter, note)).data)

    @extend_schema(request=LiaisonCloseSerializer, responses=MatterSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        matter = self.get_object()
        data = validated(LiaisonCloseSerializer, request)
        return Response(MatterSerializer(call_service(services.close_matter, self.actor(), matter, **data)).data)

    @extend_schema(request=LiaisonReturnVisitSerializer, responses=MatterSerializer)
    @action(detail=True, methods=["post"], url_path="return-visit")
    def return_visit(self, request, pk=None):
        matter = self.get_object()
        data = validated(LiaisonReturnVisitSerializer, request)
        day = data.pop("date")
        call_service(services.record_return_visit, self.actor(), matter, day=day, **data)
        return Response(MatterSerializer(self.get_queryset().get(pk=matter.pk)).data)


class ConsultationViewSet(LiaisonViewSet):
    """支部会商, with follow-ups."""

    model = Consultation
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("org")
            .prefetch_related("matters", "follow_ups")
            .order_by("-date", "-id")
        )


class BoardViewSet(viewsets.ViewSet):
    """The live board's figures for an org: one row per child unit, and the total."""

    permission_classes = [RolePermission]
    permission_action = Action.LIAISON_VIEW
    lookup_field = "code"
    lookup_value_regex = "[0-9]+"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, code=None):
        org = scoped_org(request.user, code, Action.LIAISON_VIEW)
        if org.kind not in GEOGRAPHIC_KINDS or org.level >= OrgLevel.VILLAGE:
            org = get_object_or_404(Org.objects.none())
        rows, total = board.board(request.user, org, timezone.localdate())

        def plain(r):
            return {
                "code": r.code,
                "name": r.name,
                **{k: r.figures.get(k, 0) for k in board.FIGURES},
                "coverage": r.coverage,
                "avg_days": r.avg_days,
                "satisfaction": r.satisfaction,
            }

        return Response({"org": org.code, "rows": [plain(r) for r in rows], "total": plain(total)})


for prefix, viewset, basename in [
    ("liaison/visits", VisitViewSet, "liaison-visit"),
    ("liaison/matters", MatterViewSet, "liaison-matter"),
    ("liaison/consultations", ConsultationViewSet, "liaison-consultation"),
    ("liaison/board", BoardViewSet, "liaison-board"),
]:
    api_router.register(prefix, viewset, basename=basename)
