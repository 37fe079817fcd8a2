import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.models import Attempt, Entry, Meeting, Question, Quiz, Round, Scheme, Score, Subject
from lianxin.registers.tables import ATTRS


class SchemeTable(tables.Table):
    name = tables.Column(linkify=True)
    county = tables.Column(accessor="org__short_name", verbose_name=_("县（市、区）"), order_by=("org__code",))

    class Meta:
        model = Scheme
        fields = ("year", "name", "county", "period_kind")
        attrs = ATTRS


class ScoreTable(tables.Table):
    subject = tables.Column(
        accessor="subject__name", verbose_name=_("考核对象"), linkify=lambda record: record.get_absolute_url()
    )
    place = tables.Column(accessor="org__short_name", verbose_name=_("所在"), order_by=("org__code",))
    period = tables.Column(accessor="period", verbose_name=_("考核周期"), order_by=("period__start",))

    class Meta:
        model = Score
        fields = ("period", "kind", "subject", "place", "total", "status")
        attrs = ATTRS


class SubjectTable(tables.Table):
    name = tables.Column(linkify=True)
    place = tables.Column(accessor="org__short_name", verbose_name=_("所在"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("上级"), orderable=False)
    login = tables.Column(accessor="user__username", verbose_name=_("登录账号"), orderable=False, default="—")

    class Meta:
        model = Subject
        fields = ("kind", "name", "star", "place", "township", "login")
        attrs = ATTRS


class MovementColumn(tables.Column):
    def render(self, value):
        return f"↑{value}" if value > 0 else (f"↓{-value}" if value < 0 else "—")

    def value(self, value):
        return value


class RankingTable(tables.Table):
    county_rank = tables.Column(verbose_name=_("县内排名"))
    township_rank = tables.Column(verbose_name=_("乡镇内排名"))
    movement = MovementColumn(verbose_name=_("较上期"))
    subject = tables.Column(
        accessor="subject__name", verbose_name=_("考核对象"), linkify=lambda record: record.get_absolute_url()
    )
    place = tables.Column(accessor="org__short_name", verbose_name=_("所在"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("上级"), orderable=False)

    class Meta:
        model = Score
        fields = ("county_rank", "township_rank", "movement", "kind", "subject", "place", "township", "total", "status")
        attrs = ATTRS


class MeetingTable(tables.Table):
    task_force = tables.Column(accessor="org__short_name", verbose_name=_("工作专班"), order_by=("org__code",))

    class Meta:
        model = Meeting
        fields = ("date", "task_force", "head_attended", "attendees", "progress")
        attrs = ATTRS


class QuestionTable(tables.Table):
    class Meta:
        model = Question
        fields = ("topic", "difficulty", "kind", "text")
        attrs = ATTRS


class QuizTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Quiz
        fields = ("title", "topic", "question_count", "minutes", "opens_at", "closes_at", "campaign")
        attrs = ATTRS


class AttemptTable(tables.Table):
    person = tables.Column(accessor="user__name", verbose_name=_("答题人"))
    place = tables.Column(accessor="org__short_name", verbose_name=_("单位"), order_by=("org__code",))
    quiz = tables.Column(accessor="quiz__title", verbose_name=_("知识测试"))

    class Meta:
        model = Attempt
        fields = ("quiz", "person", "place", "percent", "correct", "graded_at")
        attrs = ATTRS


class RoundTable(tables.Table):
    title = tables.Column(linkify=True)
    place = tables.Column(accessor="org__short_name", verbose_name=_("主办"), order_by=("org__code",))

    class Meta:
        model = Round
        fields = ("year", "kind", "stage", "title", "place", "closed_at")
        attrs = ATTRS


class EntryTable(tables.Table):
    secretary = tables.Column(linkify=True)
    village = tables.Column(accessor="org__short_name", verbose_name=_("村（社区）"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("乡镇（街道）"), orderable=False)
    contest = tables.Column(accessor="round__title", verbose_name=_("比武赛事"))

    class Meta:
        model = Entry
        fields = ("place", "secretary", "village", "township", "title", "result", "advanced", "contest")
        attrs = ATTRS
