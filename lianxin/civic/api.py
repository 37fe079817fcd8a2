"""Disputes, three-zero reports and volunteers over the API, read-only: the same scope as the
pages. Households appear by id only."""

from rest_framework import serializers

from lianxin.civic.models import Campaign, Dispute, Nomination, Volunteer, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.core.api import api_router
from lianxin.registers.api import Code, SectionViewSet


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


class CivicViewSet(SectionViewSet):
    read_permission = Action.CIVIC_VIEW
    order_by: tuple[str, ...] = ("-id",)

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by(*self.order_by)


class DisputeViewSet(CivicViewSet):
    """矛盾纠纷."""

    model, serializer_class = Dispute, DisputeSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("households")


class ZeroReportViewSet(CivicViewSet):
    """“三零”月报."""

    model, serializer_class = ZeroReport, ZeroReportSerializer
    order_by = ("-month", "org__code")


class VolunteerViewSet(CivicViewSet):
    """志愿者."""

    model, serializer_class = Volunteer, VolunteerSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("teams")


class CampaignViewSet(CivicViewSet):
    """先进人物评选 and its results."""

    model, serializer_class = Campaign, CampaignSerializer
    order_by = ("-year", "id")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("nominations")


for prefix, viewset, basename in [
    ("civic/campaigns", CampaignViewSet, "civic-campaign"),
    ("civic/disputes", DisputeViewSet, "civic-dispute"),
    ("civic/zero-reports", ZeroReportViewSet, "civic-zero-report"),
    ("civic/volunteers", VolunteerViewSet, "civic-volunteer"),
]:
    api_router.register(prefix, viewset, basename=basename)
