"""Knowledge-test pages: the bank and its Excel import, the tests, taking one (a phone-sized
page: one column, big targets; the deadline is the server's), the result with the answers once
the test has closed, and the results per person and org (the leaderboard of a monthly quiz)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from lianxin.assessment import forms, questions, services
from lianxin.assessment.filters import AttemptFilter, QuestionFilter, QuizFilter
from lianxin.assessment.models import Attempt, Question, Quiz
from lianxin.assessment.plugin import Action
from lianxin.assessment.tables import AttemptTable, QuestionTable, QuizTable
from lianxin.assessment.views.scoring import AddButtonMixin
from lianxin.core.views import ImportView, ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.core.views.base import SERVICE_ERRORS, actor, show_errors

V, MANAGE, TAKE = Action.ASSESSMENT_VIEW, Action.ASSESSMENT_MANAGE, Action.QUIZ_TAKE


def _county(user):
    org = user.home_org
    return org.parent if org is not None and org.is_unit else org


class QuestionListView(AddButtonMixin, ScopedListView):
    permission_action = MANAGE  # the bank is not shown to those who take its tests
    model = Question
    table_class = QuestionTable
    filterset_class = QuestionFilter
    title = gettext_lazy("知识测试题库")
    export_filename = "题库.xlsx"
    template_name = "assessment/question_list.html"


class QuestionImportView(ImportView):
    permission_action = MANAGE
    title = gettext_lazy("导入试题")
    back_url = reverse_lazy("assessment:question_list")
    header, example = questions.HEADER, questions.EXAMPLE

    def run_import(self, actor, data):
        return services.import_questions(actor, _county(self.request.user), data)


class QuizListView(AddButtonMixin, ScopedListView):
    permission_action = TAKE
    model = Quiz
    table_class = QuizTable
    filterset_class = QuizFilter
    title = gettext_lazy("知识测试")
    export_filename = "知识测试.xlsx"
    template_name = "assessment/quiz_list.html"


class QuizCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.QuizForm
    title = gettext_lazy("发布知识测试")
    back_url = "assessment:quiz_list"

    def perform(self, actor, form):
        return services.create_quiz(actor, _county(self.request.user), **form.cleaned_data)


class QuizDetailView(ObjectOperationsView):
    """A test: start (or go on with) one's attempt; the leaderboard of those who finished."""

    permission_action = TAKE
    model = Quiz
    template_name = "assessment/quiz_detail.html"
    operations = {
        "start": Operation(services.start_attempt, gettext_lazy("开始答题"), None, allowed=services.can_take),
    }

    def post(self, request, *args, **kwargs):
        """Starting goes straight to the attempt's page (the operation only says where to go)."""
        if request.POST.get("op") != "start":
            return super().post(request, *args, **kwargs)
        try:
            attempt = services.start_attempt(actor(request), self.object)
        except SERVICE_ERRORS as exc:
            show_errors(request, exc)
            return redirect(self.page_url())
        return redirect(attempt.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = Attempt.objects.filter(quiz=self.object, user=self.request.user).order_by("-number").first()
        board = (
            Attempt.objects.restrict(self.request.user, V)
            .filter(quiz=self.object, graded_at__isnull=False)
            .select_related("user", "org")
            .order_by("-percent", "graded_at")[:20]
        )
        by_org = services.results_by_org(self.request.user, self.object)
        return context | {"mine": mine, "board": board, "by_org": by_org, "is_open": services.is_open(self.object)}


class AttemptDetailView(ObjectOperationsView):
    """One's attempt: the questions until submitted, then the result, and the right answers
    once the test has closed. Others in scope (the office) see the result and may reopen it."""

    permission_action = TAKE
    model = Attempt
    template_name = "assessment/attempt_detail.html"
    operations = {
        "reopen": Operation(services.reopen_attempt, gettext_lazy("已允许重考"), MANAGE, allowed=services.can_reopen),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("quiz", "user", "org")

    def post(self, request, *args, **kwargs):
        if request.POST.get("op") != "submit":
            return super().post(request, *args, **kwargs)
        answers = {
            row.position: "".join(request.POST.getlist(f"q{row.position}")) for row in self.object.questions.all()
        }
        try:
            services.submit_attempt(actor(request), self.object, answers)
            messages.success(request, gettext_lazy("已交卷"))
        except ValidationError as exc:
            show_errors(request, exc)
        return redirect(self.page_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempt = self.object
        return context | {
            "rows": attempt.questions.select_related("question").order_by("position"),
            "taking": attempt.graded_at is None and attempt.user_id == self.request.user.pk,
            "shown": services.answers_shown(attempt.quiz),
        }


class AttemptListView(ScopedListView):
    """Results per person and org: filtered to one test, the leaderboard (best first), per
    township with the place filter, county-wide without it."""

    permission_action = V
    model = Attempt
    table_class = AttemptTable
    filterset_class = AttemptFilter
    title = gettext_lazy("答题成绩")
    export_filename = "答题成绩.xlsx"

    def get_queryset(self):
        rows = super().get_queryset().filter(graded_at__isnull=False).select_related("quiz", "user", "org")
        return rows.order_by("-percent", "graded_at")
