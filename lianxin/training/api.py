"""The training list over the API: the same scope and services as the pages. Questionnaires
and trainings are read; a secretary answers (`answer`), a lecturer accepts and reports held."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.core.api import ScopedReadOnlyViewSet, api_router, call_service, validated
from lianxin.core.views import actor
from lianxin.training import sessions, surveys
from lianxin.training.models import Recipient, Survey, TrainingOrder
from lianxin.training.plugin import Action

Code = serializers.SlugRelatedField


class TrainingSurveySerializer(serializers.ModelSerializer):
    county = Code(source="org", slug_field="code", read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "county", "title", "year", "questions", "status", "sent_at"]


class TrainingRecipientSerializer(serializers.ModelSerializer):
    village = Code(source="org", slug_field="code", read_only=True)
    name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Recipient
        fields = ["id", "survey", "village", "name", "groups", "answers", "answered_at"]


class TrainingAnswerSerializer(serializers.Serializer):
    answers = serializers.ListField(child=serializers.JSONField(), max_length=100)


class TrainingOrderSerializer(serializers.ModelSerializer):
    township = Code(source="org", slug_field="code", read_only=True)
    lecturer_name = serializers.CharField(source="lecturer.name", read_only=True, default="")

    class Meta:
        model = TrainingOrder
        fields = ["id", "township", "topic", "audience", "wanted_on", "hours", "place", "status", "lecturer_name"]
        fields += ["held_on"]


class SurveyViewSet(ScopedReadOnlyViewSet):
    """培训需求问卷."""

    model = Survey
    serializer_class = TrainingSurveySerializer
    permission_action = Action.TRAINING_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-year", "-id")


class RecipientViewSet(ScopedReadOnlyViewSet):
    """问卷对象与答卷; the secretary (or the village) answers on a phone (`answer`)."""

    model = Recipient
    serializer_class = TrainingRecipientSerializer

    @property
    def permission_action(self):
        return Action.TRAINING_ANSWER if getattr(self, "action", None) == "answer" else Action.TRAINING_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org", "member", "survey").order_by("-id")

    @extend_schema(request=TrainingAnswerSerializer, responses=TrainingRecipientSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        recipient = self.get_object()
        answers = validated(TrainingAnswerSerializer, request)["answers"]
        return Response(
            TrainingRecipientSerializer(call_service(surveys.answer_survey, actor(request), recipient, answers)).data
        )


class OrderViewSet(ScopedReadOnlyViewSet):
    """培训点单: the lecturer accepts (`accept`) and reports it held (`hold`)."""

    model = TrainingOrder
    serializer_class = TrainingOrderSerializer

    @property
    def permission_action(self):
        verb = getattr(self, "action", None)
        return Action.TRAINING_LECTURE if verb in ("accept", "hold") else Action.TRAINING_VIEW

    def get_queryset(self):
        return super().get_queryset().select_related("org", "lecturer").order_by("-wanted_on", "-id")

    def answer(self, service):
        order = call_service(service, actor(self.request), self.get_object())
        return Response(TrainingOrderSerializer(order).data)

    @extend_schema(request=None, responses=TrainingOrderSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self.answer(sessions.accept)

    @extend_schema(request=None, responses=TrainingOrderSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        return self.answer(sessions.hold)


api_router.register("training/surveys", SurveyViewSet, basename="training-survey")
api_router.register("training/recipients", RecipientViewSet, basename="training-recipient")
api_router.register("training/orders", OrderViewSet, basename="training-order")
