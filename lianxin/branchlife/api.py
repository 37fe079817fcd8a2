"""Branch meetings over the API: the same scope and the same service as the pages; POST records
a meeting with its attendance (every member of the branch, absentees with reasons — the service
checks both). Members appear by id and name only."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from lianxin.branchlife import services
from lianxin.branchlife.choices import MeetingKind
from lianxin.branchlife.models import Attendance, Meeting
from lianxin.branchlife.plugin import Action
from lianxin.core.api import api_router, call_service, in_scope, validated
from lianxin.registers.api import Code, SectionViewSet, village_in_scope
from lianxin.registers.models import PartyMember


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "present", "absence_reason"]


class MeetingSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "org", "kind", "date", "topic", "minutes", "attendance"]


class MeetingAbsenceSerializer(serializers.Serializer):
    member = serializers.IntegerField(label="党员")
    reason = serializers.CharField(max_length=100, label="缺席原因")


class MeetingRecordSerializer(serializers.Serializer):
    village = serializers.CharField(label="村代码")
    kind = serializers.ChoiceField(MeetingKind.choices, label="类型")
    date = serializers.DateField(label="日期")
    topic = serializers.CharField(max_length=200, label="主题")
    minutes = serializers.CharField(max_length=20000, required=False, default="", allow_blank=True, label="会议记录")
    present = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, label="出席党员")
    absent = MeetingAbsenceSerializer(many=True, required=False, default=list, label="缺席党员")


class MeetingViewSet(SectionViewSet):
    """三会一课与主题党日纪实: POST records a meeting with its attendance."""

    read_permission = Action.BRANCHLIFE_VIEW
    action_permissions = {"create": Action.BRANCHLIFE_RECORD}
    model = Meeting
    serializer_class = MeetingSerializer

    def get_queryset(self):
        attendance = Attendance.objects.select_related("member")
        return (
            super()
            .get_queryset()
            .select_related("org")
            .prefetch_related(Prefetch("attendance", queryset=attendance))
            .order_by("-date", "-id")
        )

    @extend_schema(request=MeetingRecordSerializer, responses={201: MeetingSerializer})
    def create(self, request):
        data = validated(MeetingRecordSerializer, request)
        user, act = request.user, Action.BRANCHLIFE_RECORD
        branch = village_in_scope(user, data.pop("village"), act)
        present = in_scope(PartyMember, user, act, data.pop("present"), "present")
        absences = data.pop("absent")
        members = {m.pk: m for m in in_scope(PartyMember, user, act, [a["member"] for a in absences], "absent")}
        absent = {members[a["member"]]: a["reason"] for a in absences}
        day = data.pop("date")
        meeting = call_service(
            services.record_meeting, self.actor(), branch, day=day, present=present, absent=absent, **data
        )
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data, status=201)


api_router.register("branchlife/meetings", MeetingViewSet, basename="branchlife-meeting")
