import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.choices import PeriodKind, ScoreStatus, SubjectKind
from lianxin.assessment.models import Attempt, Entry, Meeting, Question, Quiz, Round, Scheme, Score, Subject
from lianxin.registers.filters import PlaceFilterSet


class SchemeFilter(django_filters.FilterSet):
    class Meta:
        model = Scheme
        fields = ["year"]


class ScoreFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("考核对象"), method="filter_q")
    year = django_filters.NumberFilter(label=_("年度"), field_name="period__scheme__year")
    period_kind = django_filters.ChoiceFilter(label=_("周期"), field_name="period__kind", choices=PeriodKind.choices)
    number = django_filters.NumberFilter(label=_("期次（月/季）"), field_name="period__number")
    kind = django_filters.ChoiceFilter(label=_("考核对象类别"), choices=SubjectKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ScoreStatus.choices)
    search_fields = ("subject__name",)

    class Meta:
        model = Score
        fields = ["q", "year", "period_kind", "number", "kind", "status", "place"]


class RankingFilter(ScoreFilter):
    """A ranking is of one period and one kind: without a choice, this year's year ranking of
    village secretaries."""

    DEFAULTS = {"period_kind": PeriodKind.YEAR, "kind": SubjectKind.VILLAGE_SECRETARY}

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        today = timezone.localdate()
        for key, value in {**self.DEFAULTS, "year": today.year}.items():
            if not data.get(key):
                data[key] = value
        if data.get("number") in (None, ""):
            numbers = {
                PeriodKind.YEAR: 0,
                PeriodKind.MONTH: today.month,
                PeriodKind.QUARTER: (today.month - 1) // 3 + 1,
            }
            data["number"] = numbers.get(data["period_kind"], 0)
        super().__init__(data, *args, **kwargs)

    class Meta(ScoreFilter.Meta):
        fields = ["year", "period_kind", "number", "kind", "place"]


class SubjectFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("姓名/名称"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("考核对象类别"), choices=SubjectKind.choices)
    search_fields = ("name",)

    class Meta:
        model = Subject
        fields = ["q", "kind", "place"]


class MeetingFilter(PlaceFilterSet):
    class Meta:
        model = Meeting
        fields = ["head_attended"]


class QuestionFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(label=_("题目"), lookup_expr="icontains")

    class Meta:
        model = Question
        fields = ["topic", "difficulty", "kind", "text"]


class QuizFilter(django_filters.FilterSet):
    class Meta:
        model = Quiz
        fields = ["campaign"]


class AttemptFilter(PlaceFilterSet):
    quiz = django_filters.NumberFilter(label=_("测试编号"), field_name="quiz_id")

    class Meta:
        model = Attempt
        fields = ["quiz", "place"]


class RoundFilter(django_filters.FilterSet):
    class Meta:
        model = Round
        fields = ["year", "kind", "stage"]


class EntryFilter(PlaceFilterSet):
    contest = django_filters.NumberFilter(label=_("赛事编号"), field_name="round_id")
    advanced = django_filters.BooleanFilter(label=_("晋级"))

    class Meta:
        model = Entry
        fields = ["contest", "place", "advanced"]
