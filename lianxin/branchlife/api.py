"""Branch meetings over the API, read-only: the same scope as the pages. Members appear by id
and name only."""

from django.db.models import Prefetch
from rest_framework import serializers

from lianxin.branchlife.models import Attendance, Meeting
from lianxin.branchlife.plugin import Action
from lianxin.core.api import api_router
from lianxin.registers.api import Code, SectionViewSet


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


class MeetingViewSet(SectionViewSet):
    """三会一课与主题党日纪实."""

    read_permission = Action.BRANCHLIFE_VIEW
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


api_router.register("branchlife/meetings", MeetingViewSet, basename="branchlife-meeting")
