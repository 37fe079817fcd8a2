"""Disputes, three-zero reports, volunteers and selections over the API: the same scope and the
same services as the pages (lianxin/civic/services.py, volunteers.py, selection.py). Writes look
their objects up among those the user may see (out of scope is 404) and the service checks the
write action at the object's org (403). Households appear by id only."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from lianxin.civic import selection, services, volunteers
from lianxin.civic.choices import DisputeKind, Outcome, SessionKind
from lianxin.civic.models import Activity, Campaign, Dispute, Nomination, SignIn, Team, Volunteer, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.core.api import api_router, call_service, in_scope, validated
from lianxin.registers.api import Code, SectionViewSet, village_in_scope
from lianxin.registers.models import Household


class DisputeSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "org",
            "households",
            "kind",
            "mediator",
            "counselling",
            "received_on",
            "deadline",
            "status",
            "outcome",
            "closed_on",
            "overdue",
            "matter_id",
        ]


class ZeroReportSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = ZeroReport
        fields = ["id", "org", "month", "petitions", "incidents", "cases"]


class VolunteerSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Volunteer
        fields = ["id", "org", "name", "member", "teams", "skills", "since", "prior_hours"]


class NominationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Nomination
        fields = ["id", "category", "name", "reason", "selected"]


class CampaignSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    nominations = NominationSerializer(many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "org", "year", "title", "categories", "voting", "status", "publicity_until", "nominations"]


class VolunteerHoursSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignIn
        fields = ["volunteer", "hours", "signed_at"]


class VolunteerActivitySerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    sign_ins = VolunteerHoursSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "org", "team", "title", "date", "beneficiaries", "beneficiaries_note", "sign_ins"]


# --- request bodies of the writes (names unique across the schema) ----------------------------


class DisputeIntakeSerializer(serializers.Serializer):
    village = serializers.CharField(label="村代码")
    kind = serializers.ChoiceField(DisputeKind.choices, label="类型")
    description = serializers.CharField(max_length=4000, label="纠纷情况")
    mediator = serializers.CharField(max_length=50, label="调解员")
    households = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, label="当事农户")
    parties = serializers.CharField(max_length=200, required=False, default="", allow_blank=True, label="当事人")
    place = serializers.CharField(max_length=100, required=False, default="", allow_blank=True, label="发生地点")
    counselling = serializers.BooleanField(required=False, default=False, label="需心理疏导")
    received_on = serializers.DateField(required=False, allow_null=True, default=None, label="受理日期")


class DisputeSessionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(SessionKind.choices, label="类型")
    note = serializers.CharField(max_length=4000, label="情况")
    date = serializers.DateField(required=False, allow_null=True, default=None, label="日期")


class DisputeCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(Outcome.choices, label="结果")
    result = serializers.CharField(max_length=4000, label="办理结果")
    date = serializers.DateField(required=False, allow_null=True, default=None, label="办结日期")


class DisputeAgreementSerializer(serializers.Serializer):
    file = serializers.FileField(label="调解协议（扫描件或照片）")


class ActivityRecordSerializer(serializers.Serializer):
    team = serializers.IntegerField(label="服务队")
    title = serializers.CharField(max_length=100, label="活动")
    date = serializers.DateField(required=False, allow_null=True, default=None, label="日期")
    beneficiaries = serializers.IntegerField(min_value=0, required=False, default=0, label="服务对象（人次）")
    beneficiaries_note = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True, label="服务对象说明"
    )


class VolunteerSignInSerializer(serializers.Serializer):
    volunteer = serializers.IntegerField(label="志愿者")
    hours = serializers.DecimalField(max_digits=4, decimal_places=1, label="服务时长（小时）")


class CampaignVoteSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(label="人选")
    household = serializers.IntegerField(required=False, allow_null=True, default=None, label="投票农户（村民投票）")


class CivicViewSet(SectionViewSet):
    read_permission = Action.CIVIC_VIEW
    order_by: tuple[str, ...] = ("-id",)

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by(*self.order_by)


class DisputeViewSet(CivicViewSet):
    """矛盾纠纷: POST takes one in; sessions, close, agreement (multipart, checked by content) and
    escalate (into a 连心 matter) move it on."""

    model, serializer_class = Dispute, DisputeSerializer
    action_permissions = dict.fromkeys(("create", "sessions", "close", "agreement", "escalate"), Action.CIVIC_MEDIATE)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("households")

    def _answer(self, dispute, status=200):
        return Response(DisputeSerializer(self.get_queryset().get(pk=dispute.pk)).data, status=status)

    @extend_schema(request=DisputeIntakeSerializer, responses={201: DisputeSerializer})
    def create(self, request):
        data = validated(DisputeIntakeSerializer, request)
        user = request.user
        village = village_in_scope(user, data.pop("village"), Action.CIVIC_MEDIATE)
        households = in_scope(Household, user, Action.CIVIC_MEDIATE, data.pop("households"), "households")
        return self._answer(call_service(services.take_in, self.actor(), village, households=households, **data), 201)

    @extend_schema(request=DisputeSessionSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        dispute = self.get_object()  # out of scope: 404 before the body is read
        data = validated(DisputeSessionSerializer, request)
        day = data.pop("date")
        call_service(services.add_session, self.actor(), dispute, day=day, **data)
        return self._answer(dispute)

    @extend_schema(request=DisputeCloseSerializer, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        dispute = self.get_object()
        data = validated(DisputeCloseSerializer, request)
        day = data.pop("date")
        return self._answer(call_service(services.close, self.actor(), dispute, day=day, **data))

    @extend_schema(request={"multipart/form-data": DisputeAgreementSerializer}, responses=DisputeSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def agreement(self, request, pk=None):
        dispute = self.get_object()
        upload = validated(DisputeAgreementSerializer, request)["file"]
        call_service(services.attach_agreement, self.actor(), dispute, upload)
        return self._answer(dispute, 201)

    @extend_schema(request=None, responses=DisputeSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._answer(call_service(services.escalate, self.actor(), self.get_object()))


class ZeroReportViewSet(CivicViewSet):
    """“三零”月报."""

    model, serializer_class = ZeroReport, ZeroReportSerializer
    order_by = ("-month", "org__code")


class VolunteerViewSet(CivicViewSet):
    """志愿者."""

    model, serializer_class = Volunteer, VolunteerSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("teams")


class ActivityViewSet(CivicViewSet):
    """志愿服务活动: POST records one for a team; sign-in credits a volunteer's hours."""

    model, serializer_class = Activity, VolunteerActivitySerializer
    order_by = ("-date", "-id")
    action_permissions = {"create": Action.CIVIC_VOLUNTEER, "sign_in": Action.CIVIC_VOLUNTEER}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sign_ins")

    def _answer(self, activity, status=200):
        return Response(VolunteerActivitySerializer(self.get_queryset().get(pk=activity.pk)).data, status=status)

    @extend_schema(request=ActivityRecordSerializer, responses={201: VolunteerActivitySerializer})
    def create(self, request):
        data = validated(ActivityRecordSerializer, request)
        [team] = in_scope(Team, request.user, Action.CIVIC_VIEW, [data.pop("team")], "team")
        note, day = data.pop("beneficiaries_note"), data.pop("date")
        activity = call_service(volunteers.record_activity, self.actor(), team, day=day, note=note, **data)
        return self._answer(activity, 201)

    @extend_schema(request=VolunteerSignInSerializer, responses=VolunteerActivitySerializer)
    @action(detail=True, methods=["post"], url_path="sign-in")
    def sign_in(self, request, pk=None):
        activity = self.get_object()
        data = validated(VolunteerSignInSerializer, request)
        [volunteer] = in_scope(Volunteer, request.user, Action.CIVIC_VIEW, [data["volunteer"]], "volunteer")
        call_service(volunteers.sign_in, self.actor(), activity, volunteer, data["hours"])
        return self._answer(activity)


class CampaignViewSet(CivicViewSet):
    """先进人物评选 and its results; POST vote casts a committee member's or a household's vote."""

    model, serializer_class = Campaign, CampaignSerializer
    order_by = ("-year", "id")
    action_permissions = {"vote": Action.CIVIC_VOLUNTEER}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("nominations")

    @extend_schema(request=CampaignVoteSerializer, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        campaign = self.get_object()
        data = validated(CampaignVoteSerializer, request)
        nomination = campaign.nominations.filter(pk=data["nomination"]).first()
        if nomination is None:
            raise serializers.ValidationError({"nomination": ["该评选没有这个人选"]})
        household = None
        if data["household"] is not None:
            [household] = in_scope(Household, request.user, Action.CIVIC_VIEW, [data["household"]], "household")
        call_service(selection.vote, self.actor(), nomination, household=household)
        return Response(CampaignSerializer(self.get_queryset().get(pk=campaign.pk)).data)


for prefix, viewset, basename in [
    ("civic/campaigns", CampaignViewSet, "civic-campaign"),
    ("civic/disputes", DisputeViewSet, "civic-dispute"),
    ("civic/zero-reports", ZeroReportViewSet, "civic-zero-report"),
    ("civic/volunteers", VolunteerViewSet, "civic-volunteer"),
    ("civic/activities", ActivityViewSet, "civic-activity"),
]:
    api_router.register(prefix, viewset, basename=basename)
