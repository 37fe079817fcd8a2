"""The work rhythm over the API: bulletins with their figures as published, dispatch meetings
with their units (attendance, reports) and decisions, and leaders' duties. Read-only: changes
are made on the pages (and by the weekly command), through the same services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.core.scope import in_range
from lianxin.rhythm.duties import with_last_done
from lianxin.rhythm.models import Bulletin, Decision, DispatchMeeting, LeaderDuty, MeetingUnit, ObservationTour
from lianxin.rhythm.observation import results
from lianxin.rhythm.plugin import Action


class BulletinSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="通报单位代码")

    class Meta:
        model = Bulletin
        fields = [
            "id",
            "org",
            "week_start",
            "number",
            "status",
            "percent",
            "red_codes",
            "figures",
            "error",
            "finished_at",
        ]


class BulletinViewSet(ScopedReadOnlyViewSet):
    """周通报 of the user's county or city (and those within the user's scope)."""

    permission_action = Action.RHYTHM_VIEW
    model = Bulletin
    serializer_class = BulletinSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-week_start", "org__code")


class MeetingUnitSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="单位代码")

    class Meta:
        model = MeetingUnit
        fields = ["org", "attended", "head_attended", "reported", "report", "report_updated_at"]


class DecisionSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="责任单位代码")

    class Meta:
        model = Decision
        fields = ["id", "meeting", "org", "text", "deadline", "done_at", "done_note"]


def in_scope(serializer, code: str) -> bool:
    """A county's meeting or tour names every unit it called: a township sees only its own."""
    prefixes = serializer.context["request"].user.scope_prefixes(Action.RHYTHM_VIEW)
    return any(in_range(code, prefix) for prefix in prefixes)


class DispatchMeetingSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="召开单位代码")
    units = serializers.SerializerMethodField(label="参会单位（本人范围内的）")
    decisions = serializers.SerializerMethodField(label="议定事项（本人范围内的单位）")

    class Meta:
        model = DispatchMeeting
        fields = ["id", "org", "date", "title", "chair", "notes", "units", "decisions"]

    @extend_schema_field(MeetingUnitSerializer(many=True))
    def get_units(self, meeting):
        units = [u for u in meeting.units.all() if in_scope(self, u.org.code)]
        return MeetingUnitSerializer(units, many=True).data

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, meeting):
        decisions = [d for d in meeting.decisions.all() if in_scope(self, d.org.code)]
        return DecisionSerializer(decisions, many=True).data


class DutySerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="单位代码")
    last_done = serializers.DateField(read_only=True, label="最近落实")

    class Meta:
        model = LeaderDuty
        fields = ["id", "org", "title", "holder", "frequency", "last_done"]


class MeetingViewSet(ScopedReadOnlyViewSet):
    """月调度会 of the user's county or city, with the called units and the decisions."""

    permission_action = Action.RHYTHM_VIEW
    model = DispatchMeeting
    serializer_class = DispatchMeetingSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("units__org", "decisions__org")


class DecisionViewSet(ScopedReadOnlyViewSet):
    """议定事项 owned by units in the user's scope."""

    permission_action = Action.RHYTHM_VIEW
    model = Decision
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org")


class DutyViewSet(ScopedReadOnlyViewSet):
    """领导责任 with the date each was last done."""

    permission_action = Action.RHYTHM_VIEW
    model = LeaderDuty
    serializer_class = DutySerializer

    def get_queryset(self):
        return with_last_done(super().get_queryset()).select_related("org")


class TourSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="组织单位代码")
    results = serializers.SerializerMethodField(label="观摩结果（按平均分排名）")

    class Meta:
        model = ObservationTour
        fields = ["id", "org", "date", "title", "results"]

    def get_results(self, tour) -> list[dict]:
        return [
            {
                "order": r["site"].order,
                "org": r["site"].org.code,
                "average": r["average"],
                "sheets": r["sheets"],
                "rank": r["rank"],
            }
            for r in results(tour)
            if in_scope(self, r["site"].org.code)
        ]


class TourViewSet(ScopedReadOnlyViewSet):
    """季度观摩 with each site's average score and rank."""

    permission_action = Action.RHYTHM_VIEW
    model = ObservationTour
    serializer_class = TourSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org")


api_router.register("rhythm/bulletins", BulletinViewSet, basename="bulletin")
api_router.register("rhythm/meetings", MeetingViewSet, basename="dispatch-meeting")
api_router.register("rhythm/decisions", DecisionViewSet, basename="decision")
api_router.register("rhythm/duties", DutyViewSet, basename="leader-duty")
api_router.register("rhythm/tours", TourViewSet, basename="observation-tour")
