"""Training-list pages, built from the core's views: questionnaires (built, sent, summarised),
the questionnaires sent to people (answered on a phone), and the trainings from order to rating,
each operation offered by the services' `can_*` predicates."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.orgs.choices import OrgLevel
from lianxin.registers.models import PartyMember
from lianxin.training import sessions, surveys
from lianxin.training.filters import HoursFilter, OrderFilter, RecipientFilter, SurveyFilter
from lianxin.training.forms import AnswerForm, DispatchForm, OrderForm, RateForm, SendForm, SurveyForm
from lianxin.training.models import Recipient, Survey, TrainingOrder
from lianxin.training.plugin import Action
from lianxin.training.tables import HoursTable, OrderTable, RecipientTable, SurveyTable

V = Action.TRAINING_VIEW
SURVEY, ANSWER = Action.TRAINING_SURVEY, Action.TRAINING_ANSWER
ORDER, DISPATCH, LECTURE, ATTEND = (
    Action.TRAINING_ORDER,
    Action.TRAINING_DISPATCH,
    Action.TRAINING_LECTURE,
    Action.TRAINING_ATTEND,
)


class ButtonsMixin:
    """The list's "new" button, shown to users holding its action."""

    new: tuple[str, str, str] | None = None  # (url name, label, action)
    template_name = "training/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url, label, action = self.new or (None, None, None)
        return context | {"new_url": url if url and self.request.user.can(action) else None, "new_label": label}


class SurveyListView(ButtonsMixin, ScopedListView):
    permission_action = V
    model = Survey
    table_class = SurveyTable
    filterset_class = SurveyFilter
    title = gettext_lazy("培训需求问卷")
    export_filename = "培训需求问卷.xlsx"
    new = ("training:survey_create", gettext_lazy("新建问卷"), SURVEY)


class SurveyCreateView(ServiceFormView):
    permission_action = SURVEY
    form_class = SurveyForm
    title = gettext_lazy("新建培训需求问卷")
    back_url = "training:survey_list"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "action": SURVEY}

    def perform(self, actor, form):
        data = form.cleaned_data
        if data["template"] is not None:
            return surveys.copy_survey(actor, data["template"], title=data["title"], year=data["year"])
        return surveys.create_survey(
            actor, data["county"], title=data["title"], year=data["year"], questions=data["questions"]
        )


class SurveyDetailView(ObjectOperationsView):
    permission_action = V
    model = Survey
    template_name = "training/survey_detail.html"
    operations = {
        "send": Operation(
            surveys.send_survey,
            gettext_lazy("问卷已发放"),
            SURVEY,
            form=SendForm,
            inline=True,
            allowed=surveys.can_send,
        ),
    }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"summary": surveys.summary(self.object)}


class RecipientListView(ScopedListView):
    """The questionnaires sent to people: a secretary finds theirs here (待填写)."""

    permission_action = V
    model = Recipient
    table_class = RecipientTable
    filterset_class = RecipientFilter
    title = gettext_lazy("问卷填写情况")
    export_filename = "问卷填写情况.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("survey", "member", "org")


class AnswerView(ServiceFormView):
    permission_action = V
    submit_action = ANSWER
    model = Recipient
    form_class = AnswerForm
    template_name = "training/answer.html"
    success_message = gettext_lazy("已提交，谢谢！")
    success_url = back_url = "training:recipient_list"

    def get_queryset(self):
        return super().get_queryset().select_related("survey", "member", "org")

    @property
    def title(self):
        return self.object.survey.title

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"questions": self.object.survey.questions}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"may_answer": surveys.may_answer(self.request.user, self.object)}

    def perform(self, actor, form):
        return surveys.answer_survey(actor, self.object, form.answers())


class OrderListView(ButtonsMixin, ScopedListView):
    permission_action = V
    model = TrainingOrder
    table_class = OrderTable
    filterset_class = OrderFilter
    title = gettext_lazy("培训点单")
    export_filename = "培训清单.xlsx"
    new = ("training:order_create", gettext_lazy("点单"), ORDER)

    def get_queryset(self):
        return super().get_queryset().select_related("org", "lecturer")


class OrderCreateView(ServiceFormView):
    permission_action = ORDER
    form_class = OrderForm
    title = gettext_lazy("培训点单")
    back_url = "training:order_list"
    success_message = gettext_lazy("已点单，待县里派单")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "action": ORDER}

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        return sessions.order_training(actor, data.pop("township"), **data)


class OrderDetailView(ObjectOperationsView):
    permission_action = V
    model = TrainingOrder
    template_name = "training/order_detail.html"
    operations = {
        "dispatch": Operation(
            sessions.dispatch,
            gettext_lazy("已派单"),
            DISPATCH,
            form=DispatchForm,
            inline=True,
            allowed=sessions.can_dispatch,
        ),
        "accept": Operation(sessions.accept, gettext_lazy("已接单"), LECTURE, allowed=sessions.can_accept),
        "hold": Operation(sessions.hold, gettext_lazy("已报举办"), LECTURE, allowed=sessions.can_hold),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "lecturer")

    def operation_form_kwargs(self, name):
        if name == "dispatch":
            return {"queryset": sessions.lecturers(self.object.org.ancestor_code(OrgLevel.COUNTY))}
        return {}

    def get_context_data(self, **kwargs):
        attendances = self.object.attendances.select_related("member", "org")
        return super().get_context_data(**kwargs) | {"attendances": attendances}


class AttendView(ObjectOperationsView):
    """A member's page of a training of their township (opened from the lecturer's link or
    code on the day): sign in on the phone, and rate it once held."""

    permission_action = ATTEND
    model = TrainingOrder
    template_name = "training/attend.html"
    operations = {
        "sign_in": Operation(sessions.sign_in, gettext_lazy("签到成功"), None, allowed=sessions.can_sign_in),
        "rate": Operation(
            sessions.rate_order, gettext_lazy("已评价"), None, form=RateForm, inline=True, allowed=sessions.can_rate
        ),
    }

    def get_queryset(self):
        return sessions.open_to(self.request.user).select_related("org", "lecturer")


class HoursView(ScopedListView):
    """学时: training hours per member in a year (`?year=`, this year by default), for Excel."""

    permission_action = V
    model = PartyMember
    table_class = HoursTable
    filterset_class = HoursFilter
    title = gettext_lazy("培训学时")
    export_filename = "培训学时.xlsx"

    def get_queryset(self):
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() else timezone.localdate().year
        return sessions.with_hours(super().get_queryset().select_related("org__parent"), year).order_by("org__code")
