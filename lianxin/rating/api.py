"""The rating workflow over the API, for a mobile client: the same services as the pages.
Status, org, step and score fields are read-only here; they move only through the actions."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lianxin.core.api import (
    ActionPerVerb,
    PersonalDataSerializerMixin,
    ScopedViewSetMixin,
    api_router,
    call_service,
    validated,
)
from lianxin.core.api_query import FlagFilter, YearFilterSet
from lianxin.core.views import actor
from lianxin.orgs.models import Org
from lianxin.planning.models import ProgressReport
from lianxin.rating import services
from lianxin.rating.choices import ApplicationKind, Decision, QuotaKind, StepStatus
from lianxin.rating.models import (
    Application,
    Evidence,
    Objection,
    ProgressAward,
    Publicity,
    Quota,
    ReviewStep,
    VillageRating,
)
from lianxin.rating.plugin import Action
from lianxin.standards.choices import Star

# --- applications ----------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "work_item", "report", "note", "attachments"]
        read_only_fields = fields

    def get_attachments(self, evidence) -> list[int]:
        return [a.pk for a in evidence.report.attachments.all()] if evidence.report_id else []


class ReviewStepSerializer(serializers.ModelSerializer):
    application = serializers.PrimaryKeyRelatedField(read_only=True)
    reviewer_org = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ReviewStep
        fields = [
            "id",
            "application",
            "round",
            "index",
            "kind",
            "star",
            "reviewer_org",
            "status",
            "comment",
            "score",
            "deadline",
            "decided_at",
        ]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "org",
            "year",
            "kind",
            "stars",
            "approved_stars",
            "self_score",
            "statement",
            "status",
            "chain",
            "step_index",
            "step_kind",
            "round",
            "return_reason",
            "reject_reason",
            "publicity",
            "submitted_at",
            "decided_at",
            "determined_at",
            "evidence",
        ]
        read_only_fields = fields


class ApplicationWriteSerializer(serializers.Serializer):
    stars = serializers.ListField(child=serializers.ChoiceField(choices=Star.choices), allow_empty=False)
    self_score = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=100, required=False, allow_null=True
    )
    statement = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ApplicationCreateSerializer(ApplicationWriteSerializer):
    village = serializers.CharField(help_text="村（社区）代码")
    year = serializers.IntegerField(min_value=2022, max_value=2100)
    kind = serializers.ChoiceField(choices=ApplicationKind.choices, default=ApplicationKind.STARS)


class SubmitSerializer(serializers.Serializer):
    without_evidence = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("确认仍要提交没有台账佐证的星（县里要求佐证时仍被拒绝）"),
    )


class EvidenceCreateSerializer(serializers.Serializer):
    work_item = serializers.IntegerField()
    report = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApplicationViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Applications in scope (`?year=`); the village creates, edits, adds evidence and submits;
    the office determines after publicity."""

    model = Application
    read_permission = Action.RATING_VIEW
    serializer_class = ApplicationSerializer
    filterset_class = YearFilterSet
    action_permissions = {
        "create": Action.RATING_APPLY,
        "update": Action.RATING_APPLY,
        "submit": Action.RATING_APPLY,
        "evidence": Action.RATING_APPLY,
        "determine": Action.RATING_DECIDE,
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("evidence__report__attachments")

    @extend_schema(request=ApplicationCreateSerializer, responses=ApplicationSerializer)
    def create(self, request):
        d = validated(ApplicationCreateSerializer, request)
        village = get_object_or_404(Org.objects.restrict(request.user, Action.RATING_APPLY), code=d["village"])
        application = call_service(
            services.create_application,
            actor(request),
            village,
            d["year"],
            kind=d["kind"],
            stars=d["stars"],
            self_score=d.get("self_score"),
            statement=d.get("statement", ""),
        )
        return Response(ApplicationSerializer(application).data, status=201)

    @extend_schema(request=ApplicationWriteSerializer, responses=ApplicationSerializer)
    def update(self, request, pk=None):
        application = self.get_object()
        d = validated(ApplicationWriteSerializer, request)
        application = call_service(
            services.update_application,
            actor(request),
            application,
            stars=d["stars"],
            self_score=d.get("self_score"),
            statement=d.get("statement", ""),
        )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=SubmitSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = self.get_object()
        d = validated(SubmitSerializer, request)
        submitted = call_service(
            services.submit_application, actor(request), application, without_evidence=d["without_evidence"]
        )
        return Response(ApplicationSerializer(submitted).data)

    @extend_schema(request=EvidenceCreateSerializer, responses=EvidenceSerializer)
    @action(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        application = self.get_object()
        d = validated(EvidenceCreateSerializer, request)
        item = get_object_or_404(services.work_items_for(application), pk=d["work_item"])
        report = None
        if d.get("report"):
            reports = ProgressReport.objects.filter(measure__plan__org=application.org).select_related("measure__plan")
            report = get_object_or_404(reports, pk=d["report"])
        evidence = call_service(
            services.add_evidence, actor(request), application, item, report=report, note=d.get("note", "")
        )
        return Response(EvidenceSerializer(evidence).data, status=201)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def determine(self, request, pk=None):
        return Response(ApplicationSerializer(call_service(services.determine, actor(request), self.get_object())).data)


# --- review steps ---------------------------------------------------------------------------------------


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=100, required=False, allow_null=True
    )
    item_scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100),
        required=False,
        help_text="工作项 ID → 得分（专班审核）",
    )


class ReviewStepFilter(django_filters.FilterSet):
    pending = FlagFilter(method="filter_pending", help_text=_("1：只列待审核的环节"))
    mine = FlagFilter(method="filter_mine", help_text=_("1：只列轮到我审核的环节（最多500条）"))

    def filter_pending(self, queryset, name, value):
        return queryset.filter(status=StepStatus.PENDING) if value else queryset

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=[step.pk for step in services.steps_awaiting(self.request.user)])


class ReviewStepViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Review steps of applications in scope (`?pending=1&mine=1` for one's own queue);
    `decide` approves, returns or rejects."""

    model = ReviewStep
    serializer_class = ReviewStepSerializer
    filterset_class = ReviewStepFilter

    @property
    def permission_action(self):
        return Action.RATING_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("application__org", "reviewer_org")

    @extend_schema(request=ReviewSerializer, responses=ReviewStepSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        step = self.get_object()
        d = validated(ReviewSerializer, request)
        scores = {int(k): v for k, v in (d.get("item_scores") or {}).items() if str(k).isdigit()}
        step = call_service(
            services.review,
            actor(request),
            step,
            d["decision"],
            comment=d.get("comment", ""),
            score=d.get("score"),
            item_scores=scores,
        )
        return Response(ReviewStepSerializer(step).data)


# --- publicity and objections ------------------------------------------------------------------------------


class PublicitySerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    applications = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Publicity
        fields = ["id", "org", "year", "title", "start_date", "end_date", "working_days", "applications"]
        read_only_fields = fields


class PublicityCreateSerializer(serializers.Serializer):
    county = serializers.CharField(help_text="县（市、区）代码")
    year = serializers.IntegerField(min_value=2022, max_value=2100)
    applications = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    start_date = serializers.DateField(required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=100)


class PublicityViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = Publicity
    read_permission = Action.RATING_VIEW
    serializer_class = PublicitySerializer
    action_permissions = {"create": Action.RATING_DECIDE}

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("applications")

    @extend_schema(request=PublicityCreateSerializer, responses=PublicitySerializer)
    def create(self, request):
        d = validated(PublicityCreateSerializer, request)
        county = get_object_or_404(Org.objects.restrict(request.user, Action.RATING_DECIDE), code=d["county"])
        apps = list(Application.objects.restrict(request.user, Action.RATING_DECIDE).filter(pk__in=d["applications"]))
        if len(apps) != len(set(d["applications"])):
            raise ValidationError({"applications": [_("申报不存在")]})
        publicity = call_service(
            services.start_publicity,
            actor(request),
            county,
            d["year"],
            apps,
            start_date=d.get("start_date"),
            title=d.get("title", ""),
        )
        return Response(PublicitySerializer(publicity).data, status=201)


class ObjectionSerializer(PersonalDataSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = [
            "id",
            "publicity",
            "application",
            "content",
            "name",
            "contact",
            "status",
            "upheld",
            "handling",
            "handled_at",
            "created_at",
        ]
        read_only_fields = fields


class HandleSerializer(serializers.Serializer):
    handling = serializers.CharField(max_length=2000)
    upheld = serializers.BooleanField()


class ObjectionViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Objections to results in scope, for the office; `handle` records how each was handled."""

    model = Objection
    serializer_class = ObjectionSerializer
    read_permission = Action.RATING_DECIDE

    @extend_schema(request=HandleSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def handle(self, request, pk=None):
        objection = self.get_object()
        data = validated(HandleSerializer, request)
        objection = call_service(services.handle_objection, actor(request), objection, **data)
        return Response(ObjectionSerializer(objection).data)


# --- quotas, results, awards ------------------------------------------------------------------------------


class QuotaSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Quota
        fields = ["id", "org", "year", "kind", "level", "star", "limit", "used"]
        read_only_fields = fields


class QuotaWriteSerializer(serializers.Serializer):
    county = serializers.CharField()
    year = serializers.IntegerField(min_value=2022, max_value=2100)
    kind = serializers.ChoiceField(choices=QuotaKind.choices)
    level = serializers.IntegerField(min_value=0, max_value=5, required=False, default=0)
    star = serializers.ChoiceField(choices=Star.choices, required=False, default="")
    limit = serializers.IntegerField(min_value=0, max_value=100000)


class QuotaViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Quotas in scope (`?year=`); POST sets one (the used count moves only by determination)."""

    model = Quota
    read_permission = Action.RATING_VIEW
    serializer_class = QuotaSerializer
    filterset_class = YearFilterSet
    action_permissions = {"create": Action.RATING_CONFIG}

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    @extend_schema(request=QuotaWriteSerializer, responses=QuotaSerializer)
    def create(self, request):
        d = validated(QuotaWriteSerializer, request)
        county = get_object_or_404(Org.objects.restrict(request.user, Action.RATING_CONFIG), code=d["county"])
        quota = call_service(
            services.set_quota,
            actor(request),
            county,
            d["year"],
            kind=d["kind"],
            limit=d["limit"],
            level=d["level"],
            star=d["star"],
        )
        return Response(QuotaSerializer(quota).data, status=201)


class RatingSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    stars = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = VillageRating
        fields = [
            "id",
            "org",
            "year",
            "level",
            "determined_level",
            "stars",
            "status",
            "determined_at",
            "change_reason",
            "changed_at",
        ]
        read_only_fields = fields


class AdjustSerializer(serializers.Serializer):
    stars = serializers.ListField(child=serializers.ChoiceField(choices=Star.choices), allow_empty=True)
    reason = serializers.CharField(max_length=2000)


class RatingViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Determined results per village and year (`?year=`); `adjust` lowers or revokes one."""

    model = VillageRating
    read_permission = Action.RATING_VIEW
    serializer_class = RatingSerializer
    filterset_class = YearFilterSet
    action_permissions = {"adjust": Action.RATING_DECIDE}

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    @extend_schema(request=AdjustSerializer, responses=RatingSerializer)
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        rating = self.get_object()
        rating = call_service(services.adjust_rating, actor(request), rating, **validated(AdjustSerializer, request))
        return Response(RatingSerializer(rating).data)


class AwardSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProgressAward
        fields = ["id", "org", "year", "star", "application", "amount", "plaque", "paid_on"]
        read_only_fields = fields


class PaySerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    plaque = serializers.CharField(required=False, allow_blank=True, max_length=100)


class AwardViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Progress-star awards; `pay` records the payment date."""

    model = ProgressAward
    read_permission = Action.RATING_VIEW
    serializer_class = AwardSerializer
    filterset_class = YearFilterSet
    action_permissions = {"pay": Action.RATING_DECIDE}

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    @extend_schema(request=PaySerializer, responses=AwardSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        award = self.get_object()
        award = call_service(services.record_payment, actor(request), award, **validated(PaySerializer, request))
        return Response(AwardSerializer(award).data)


api_router.register("rating/applications", ApplicationViewSet, basename="rating-application")
api_router.register("rating/steps", ReviewStepViewSet, basename="rating-step")
api_router.register("rating/publicities", PublicityViewSet, basename="rating-publicity")
api_router.register("rating/objections", ObjectionViewSet, basename="rating-objection")
api_router.register("rating/quotas", QuotaViewSet, basename="rating-quota")
api_router.register("rating/results", RatingViewSet, basename="rating-result")
api_router.register("rating/awards", AwardViewSet, basename="rating-award")
