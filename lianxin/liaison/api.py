"""党群连心 over the API: the same scope (`restrict`) and the same services as the pages.
Serializers list their fields; org, status, level and deadlines are read-only — the services
set them (security.md item 8)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from lianxin.audit.services import Actor
from lianxin.core.api import ActionPerVerb, ScopedViewSetMixin, api_router, call_service
from lianxin.core.api_permissions import RolePermission
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.liaison import board, services
from lianxin.liaison.choices import Category, Satisfaction, VisitWay
from lianxin.liaison.models import (
    AreaAssignment,
    Cadre,
    Consultation,
    Finding,
    FollowUp,
    GuidanceVisit,
    Household,
    HouseholdLink,
    Matter,
    MatterStep,
    PartyMember,
    Visit,
    WeakBranch,
)
from lianxin.liaison.plugin import Action
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import scoped_org


class PerAction(ActionPerVerb):
    """Reading needs liaison.view, each write names its own action."""

    read_permission = Action.LIAISON_VIEW

    def get_queryset(self):
        # Writes look objects up among those the user may *see*; the service then checks the
        # write permission at the object's org (403), so out of sight stays 404.
        return self.model.objects.restrict(self.request.user, Action.LIAISON_VIEW)


class LiaisonViewSet(
    PerAction, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    filter_backends = []

    def actor(self):
        return Actor.from_request(self.request)


def village_in_scope(user, code: str, action: str) -> Org:
    org = Org.objects.restrict(user, action).filter(code=str(code).strip(), kind__in=GRASSROOTS_KINDS).first()
    if org is None:
        raise ValidationError({"village": ["村代码不存在、不是村（社区）或不在您的范围内"]})
    return org


# --- serializers ------------------------------------------------------------------------------

Code = serializers.SlugRelatedField


class HouseholdSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="村代码")
    village = serializers.CharField(write_only=True, label="村代码（新增时）")
    head_id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, label="户主身份证号")
    head_id_masked = serializers.SerializerMethodField(label="户主身份证号（脱敏）")
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True, label="联系电话")
    phone_masked = serializers.SerializerMethodField(label="联系电话（脱敏）")

    class Meta:
        model = Household
        fields = [
            "id",
            "org",
            "village",
            "number",
            "head_name",
            "head_id_number",
            "head_id_masked",
            "size",
            "group",
            "address",
            "phone",
            "phone_masked",
            "tags",
        ]

    def get_head_id_masked(self, obj) -> str:
        return mask_id_card(obj.head_id_number)

    def get_phone_masked(self, obj) -> str:
        return mask_phone(obj.phone)


class MemberSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="村代码")
    village = serializers.CharField(write_only=True, label="村代码（新增时）")
    mobile = serializers.CharField(write_only=True, required=False, allow_blank=True, label="手机号")
    mobile_masked = serializers.SerializerMethodField(label="手机号（脱敏）")
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, label="身份证号")
    id_masked = serializers.SerializerMethodField(label="身份证号（脱敏）")
    under_35 = serializers.BooleanField(read_only=True, label="35岁以下")

    class Meta:
        model = PartyMember
        fields = [
            "id",
            "org",
            "village",
            "name",
            "gender",
            "birth_date",
            "joined_on",
            "post",
            "mobile",
            "mobile_masked",
            "id_number",
            "id_masked",
            "under_35",
        ]

    def get_mobile_masked(self, obj) -> str:
        return mask_mobile(obj.mobile)

    def get_id_masked(self, obj) -> str:
        return mask_id_card(obj.id_number)


class LinkSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = HouseholdLink
        fields = ["id", "org", "member", "household", "linked_on"]
        read_only_fields = ["id", "org", "linked_on"]


class VisitSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    photo = serializers.ImageField(write_only=True, required=False, label="照片")
    make_matter = serializers.BooleanField(write_only=True, required=False, default=False, label="形成诉求事项")
    photos = serializers.SerializerMethodField(label="照片地址")
    matter = serializers.PrimaryKeyRelatedField(read_only=True)

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
        from django.urls import reverse

        return [reverse("liaison:photo", kwargs={"pk": p.pk}) for p in obj.photos.all()]


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterStep
        fields = ["kind", "level", "note", "at"]


class MatterSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    village = serializers.CharField(write_only=True, label="村代码（报告时）")
    steps = StepSerializer(many=True, read_only=True)
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


class CadreSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    mobile_masked = serializers.SerializerMethodField(label="手机号（脱敏）")

    class Meta:
        model = Cadre
        fields = ["id", "org", "name", "unit", "post", "mobile_masked"]

    def get_mobile_masked(self, obj) -> str:
        return mask_mobile(obj.mobile)


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


class WeakBranchSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = WeakBranch
        fields = ["id", "org", "year", "reasons", "measures", "cadre", "status", "delisted_on", "delist_note"]


TextIn = inline_serializer("LiaisonText", {"text": serializers.CharField()})
CloseIn = inline_serializer(
    "LiaisonClose",
    {"resolution": serializers.CharField(), "satisfaction": serializers.ChoiceField(Satisfaction.choices)},
)

# --- viewsets ---------------------------------------------------------------------------------


class HouseholdViewSet(mixins.CreateModelMixin, LiaisonViewSet):
    """农户. Personal data is written in full and read back masked."""

    model = Household
    serializer_class = HouseholdSerializer
    action_permissions = {"create": Action.LIAISON_EDIT}

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("org__code", "number")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        village = village_in_scope(self.request.user, data.pop("village"), Action.LIAISON_EDIT)
        serializer.instance = call_service(services.create_household, self.actor(), village, **data)


class MemberViewSet(mixins.CreateModelMixin, LiaisonViewSet):
    """党员."""

    model = PartyMember
    serializer_class = MemberSerializer
    action_permissions = {"create": Action.LIAISON_EDIT}

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("org__code", "name")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        village = village_in_scope(self.request.user, data.pop("village"), Action.LIAISON_EDIT)
        serializer.instance = call_service(services.create_member, self.actor(), village, **data)


class LinkViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, LiaisonViewSet):
    """党员联户: link a member to a household, or remove the link."""

    model = HouseholdLink
    serializer_class = LinkSerializer
    action_permissions = {"create": Action.LIAISON_EDIT, "destroy": Action.LIAISON_EDIT}

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if hasattr(serializer, "fields") and not isinstance(serializer, serializers.ListSerializer):
            user = self.request.user
            serializer.fields["member"].queryset = PartyMember.objects.restrict(user, Action.LIAISON_VIEW)
            serializer.fields["household"].queryset = Household.objects.restrict(user, Action.LIAISON_VIEW)
        return serializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = call_service(services.link_household, self.actor(), data["member"], data["household"])

    def perform_destroy(self, instance):
        call_service(services.unlink_household, self.actor(), instance)


class VisitViewSet(mixins.CreateModelMixin, LiaisonViewSet):
    """走访记录: a member logs a visit (multipart with a photo, or JSON)."""

    model = Visit
    serializer_class = VisitSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    action_permissions = {"create": Action.LIAISON_VISIT}

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if hasattr(serializer, "fields") and not isinstance(serializer, serializers.ListSerializer):
            user = self.request.user
            serializer.fields["household"].queryset = Household.objects.restrict(user, Action.LIAISON_VISIT)
            serializer.fields["member"].queryset = PartyMember.objects.restrict(user, Action.LIAISON_VISIT)
        return serializer

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
    """诉求事项: report (村报告), escalate (上报), close with satisfaction (办结)."""

    model = Matter
    serializer_class = MatterSerializer
    action_permissions = {
        "create": Action.LIAISON_EDIT,
        "escalate": Action.LIAISON_ESCALATE,
        "close": Action.LIAISON_HANDLE,
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("steps").order_by("-reported_at", "-id")

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

    @extend_schema(
        request=inline_serializer("LiaisonEscalate", {"note": serializers.CharField()}), responses=MatterSerializer
    )
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        matter = call_service(
            services.escalate_matter, self.actor(), self.get_object(), str(request.data.get("note", ""))
        )
        return Response(MatterSerializer(matter).data)

    @extend_schema(request=CloseIn, responses=MatterSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        matter = call_service(
            services.close_matter,
            self.actor(),
            self.get_object(),
            resolution=str(request.data.get("resolution", "")),
            satisfaction=str(request.data.get("satisfaction", "")),
        )
        return Response(MatterSerializer(matter).data)


class CadreViewSet(LiaisonViewSet):
    """组工干部."""

    model = Cadre
    serializer_class = CadreSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("name")


class AssignmentViewSet(LiaisonViewSet):
    """干部包片 / 包乡联村."""

    model = AreaAssignment
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org", "cadre").order_by("-year", "id")


class GuidanceViewSet(LiaisonViewSet):
    """干部指导走访."""

    model = GuidanceVisit
    serializer_class = GuidanceSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-date", "-id")


class FindingViewSet(LiaisonViewSet):
    """督导发现问题: the township reports rectification; the cadre's side confirms or returns."""

    model = Finding
    serializer_class = FindingSerializer
    action_permissions = {
        "rectify": Action.LIAISON_RECTIFY,
        "confirm": Action.LIAISON_GUIDE,
        "send_back": Action.LIAISON_GUIDE,
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("deadline", "id")

    @extend_schema(request=TextIn, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        finding = call_service(
            services.rectify_finding, self.actor(), self.get_object(), str(request.data.get("text", ""))
        )
        return Response(FindingSerializer(finding).data)

    @extend_schema(request=None, responses=FindingSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return Response(FindingSerializer(call_service(services.confirm_finding, self.actor(), self.get_object())).data)

    @extend_schema(request=TextIn, responses=FindingSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        finding = call_service(
            services.return_finding, self.actor(), self.get_object(), str(request.data.get("text", ""))
        )
        return Response(FindingSerializer(finding).data)


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


class WeakBranchViewSet(LiaisonViewSet):
    """软弱涣散党组织: delisting after rectification."""

    model = WeakBranch
    serializer_class = WeakBranchSerializer
    action_permissions = {"delist": Action.LIAISON_GUIDE}

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-year", "org__code")

    @extend_schema(request=TextIn, responses=WeakBranchSerializer)
    @action(detail=True, methods=["post"])
    def delist(self, request, pk=None):
        weak = call_service(
            services.delist_weak_branch, self.actor(), self.get_object(), note=str(request.data.get("text", ""))
        )
        return Response(WeakBranchSerializer(weak).data)


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
        rows, total = board.board(org, timezone.localdate())

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
    ("liaison/households", HouseholdViewSet, "liaison-household"),
    ("liaison/members", MemberViewSet, "liaison-member"),
    ("liaison/links", LinkViewSet, "liaison-link"),
    ("liaison/visits", VisitViewSet, "liaison-visit"),
    ("liaison/matters", MatterViewSet, "liaison-matter"),
    ("liaison/cadres", CadreViewSet, "liaison-cadre"),
    ("liaison/areas", AssignmentViewSet, "liaison-area"),
    ("liaison/guidance", GuidanceViewSet, "liaison-guidance"),
    ("liaison/findings", FindingViewSet, "liaison-finding"),
    ("liaison/consultations", ConsultationViewSet, "liaison-consultation"),
    ("liaison/weak-branches", WeakBranchViewSet, "liaison-weak-branch"),
    ("liaison/board", BoardViewSet, "liaison-board"),
]:
    api_router.register(prefix, viewset, basename=basename)
