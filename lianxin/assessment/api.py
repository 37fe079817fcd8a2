"""The assessment over the API (/api/v1/assessment/…): schemes, scores with their ranking,
tests — started and answered through the API too — and the competitions' rounds and entries;
the same scope and services as the pages. Writes are the pages' operations, through the same
services: a score's items saved (points, evidence, comment), submitted, returned once with a
reason; a judge's points for an entry (blind: the answer holds the judge's own score only,
results come when the round closes); a round closed (results, places, winners into the final).
Out of sight is 404, without the action 403, a broken rule 400 with the Chinese message. States
and results are read-only fields: the services set them."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.assessment import services
from lianxin.assessment.models import Attempt, Entry, ItemScore, JudgeScore, Quiz, Round, Scheme, Score
from lianxin.assessment.plugin import Action
from lianxin.core.api import api_router, call_service, validated
from lianxin.registers.api import Code, SectionViewSet

SCORE, MANAGE, COMPETITION = Action.ASSESSMENT_SCORE, Action.ASSESSMENT_MANAGE, Action.COMPETITION_MANAGE


class SchemeSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="县代码")

    class Meta:
        model = Scheme
        fields = ["id", "org", "year", "name", "period_kind"]


class AssessmentItemPointsSerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="item_id", read_only=True, label="评分项ID")
    title = serializers.CharField(source="item.title", read_only=True)
    max_points = serializers.DecimalField(source="item.max_points", max_digits=5, decimal_places=1, read_only=True)

    class Meta:
        model = ItemScore
        fields = ["item", "title", "max_points", "points", "evidence", "comment", "auto"]


class ScoreSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    subject_name = serializers.CharField(source="subject.name", read_only=True)
    period = serializers.CharField(source="period.__str__", read_only=True)
    items = AssessmentItemPointsSerializer(many=True, read_only=True, label="各评分项（auto：来自数据）")

    class Meta:
        model = Score
        fields = [
            "id",
            "org",
            "kind",
            "subject_name",
            "period",
            "status",
            "total",
            "county_rank",
            "township_rank",
            "movement",
            "returned_once",
            "return_reason",
            "items",
        ]


class AssessmentItemEntrySerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, label="评分项ID")
    points = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)
    evidence = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class AssessmentScoreSaveSerializer(serializers.Serializer):
    items = AssessmentItemEntrySerializer(many=True, max_length=200)


class AssessmentReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True, label="退回理由")


class AssessmentJudgePointsSerializer(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=1), label="各评分标准得分（标准名称：分数）"
    )


class AssessmentJudgeScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = JudgeScore
        fields = ["entry", "points", "total"]


class QuizSerializer(serializers.ModelSerializer):
    class Meta:
        model = Quiz
        fields = [
            "id",
            "title",
            "topic",
            "difficulty",
            "question_count",
            "minutes",
            "opens_at",
            "closes_at",
            "campaign",
        ]


class AttemptQuestionSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    options = serializers.ListField(source="question.options", child=serializers.CharField())
    given = serializers.CharField()
    answer = serializers.SerializerMethodField(help_text="测试截止后公布，之前为 null")

    def get_answer(self, row) -> str | None:
        return row.question.answer if services.answers_shown(row.attempt.quiz) else None


class AttemptSerializer(serializers.ModelSerializer):
    questions = AttemptQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Attempt
        fields = ["id", "quiz", "number", "started_at", "deadline", "graded_at", "correct", "percent", "questions"]


class AnswerSerializer(serializers.Serializer):
    position = serializers.IntegerField(min_value=1, max_value=500)
    answer = serializers.CharField(max_length=10, allow_blank=True)


class AnswersSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True, max_length=500)


class RoundSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "org",
            "year",
            "kind",
            "stage",
            "title",
            "criteria",
            "advance_count",
            "advance_share",
            "closed_at",
        ]


class EntrySerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "org", "round", "secretary", "title", "result", "place", "advanced"]


class AssessmentViewSet(SectionViewSet):
    read_permission = Action.ASSESSMENT_VIEW
    order_by: tuple[str, ...] = ("id",)
    related: tuple[str, ...] = ("org",)

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related).order_by(*self.order_by)


class SchemeViewSet(AssessmentViewSet):
    """考核方案."""

    model, serializer_class, order_by = Scheme, SchemeSerializer, ("-year", "org__code")


class ScoreViewSet(AssessmentViewSet):
    """考核评分 with county and township places (kept when the period closes) and its items.
    `save`, `submit` by the scorer in scope, `return` once by the office."""

    model, serializer_class = Score, ScoreSerializer
    related = ("org", "subject__org", "period__scheme__org")
    order_by = ("period_id", "kind", "county_rank", "id")
    action_permissions = {"save": SCORE, "submit": SCORE, "return_score": MANAGE}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("items__item")

    def answer(self, score: Score) -> Response:
        return Response(ScoreSerializer(self.get_queryset().get(pk=score.pk)).data)

    @extend_schema(request=AssessmentScoreSaveSerializer, responses=ScoreSerializer)
    @action(detail=True, methods=["post"])
    def save(self, request, pk=None):
        score = self.get_object()
        rows = validated(AssessmentScoreSaveSerializer, request)["items"]
        entries = {r["item"]: services.Entry(r["points"], r["evidence"], r["comment"]) for r in rows}
        return self.answer(call_service(services.save_score, self.actor(), score.period, score.subject, entries))

    @extend_schema(request=None, responses=ScoreSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.answer(call_service(services.submit_score, self.actor(), self.get_object()))

    @extend_schema(request=AssessmentReturnSerializer, responses=ScoreSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_score(self, request, pk=None):
        score = self.get_object()
        reason = validated(AssessmentReturnSerializer, request)["reason"]
        return self.answer(call_service(services.return_score, self.actor(), score, reason))


class QuizViewSet(AssessmentViewSet):
    """知识测试: `start` draws one's questions and fixes the deadline (or gives the attempt under way)."""

    read_permission = Action.QUIZ_TAKE
    model, serializer_class, order_by = Quiz, QuizSerializer, ("-opens_at", "-id")
    action_permissions = {"start": Action.QUIZ_TAKE}

    @extend_schema(request=None, responses=AttemptSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        attempt = call_service(services.start_attempt, self.actor(), self.get_object())
        return Response(AttemptSerializer(_with_questions(attempt)).data)


def _with_questions(attempt: Attempt) -> Attempt:
    return (
        Attempt.objects.select_related("quiz")
        .prefetch_related("questions__question", "questions__attempt__quiz")
        .get(pk=attempt.pk)
    )


class AttemptViewSet(AssessmentViewSet):
    """答题记录: one's own are answered with `submit` (refused after the server's deadline)."""

    read_permission = Action.QUIZ_TAKE
    model, serializer_class, order_by = Attempt, AttemptSerializer, ("-started_at", "-id")
    related = ("quiz",)
    action_permissions = {"submit": Action.QUIZ_TAKE}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("questions__question", "questions__attempt__quiz")

    @extend_schema(request=AnswersSerializer, responses=AttemptSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        attempt = self.get_object()
        answers = {row["position"]: row["answer"] for row in validated(AnswersSerializer, request)["answers"]}
        attempt = call_service(services.submit_attempt, self.actor(), attempt, answers)
        return Response(AttemptSerializer(_with_questions(attempt)).data)


class RoundViewSet(AssessmentViewSet):
    """三次大比武的赛事: `close` (the township its preliminary, the office the final) works out
    results and places and enters the winners into the county final."""

    model, serializer_class, order_by = Round, RoundSerializer, ("-year", "kind", "org__code")
    action_permissions = {"close": COMPETITION}

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        contest = call_service(services.close_round, self.actor(), self.get_object())
        return Response(RoundSerializer(self.get_queryset().get(pk=contest.pk)).data)


class EntryViewSet(AssessmentViewSet):
    """参赛作品 and, once the round closes, results and advancement. `score`: a judge of the
    round gives their points per criterion (changed until it closes); the answer is their own
    score only — the other judges' stay hidden until the round closes, as on the pages."""

    model, serializer_class, order_by = Entry, EntrySerializer, ("round_id", "place", "id")
    # Judges score because they are assigned to the round (the service checks), not by role.
    action_permissions = {"score": Action.ASSESSMENT_VIEW}

    @extend_schema(request=AssessmentJudgePointsSerializer, responses=AssessmentJudgeScoreSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        entry = self.get_object()
        points = validated(AssessmentJudgePointsSerializer, request)["points"]
        given = call_service(services.score_entry, self.actor(), entry, points)
        return Response(AssessmentJudgeScoreSerializer(given).data)


for prefix, viewset, basename in [
    ("assessment/schemes", SchemeViewSet, "assessment-scheme"),
    ("assessment/scores", ScoreViewSet, "assessment-score"),
    ("assessment/quizzes", QuizViewSet, "assessment-quiz"),
    ("assessment/attempts", AttemptViewSet, "assessment-attempt"),
    ("assessment/rounds", RoundViewSet, "assessment-round"),
    ("assessment/entries", EntryViewSet, "assessment-entry"),
]:
    api_router.register(prefix, viewset, basename=basename)
