"""The three competitions' pages: rounds, a round's judges and entries (added by the township or
the office that runs it), an entry's slides and the judges' scoring (each judge sees their own
scores until the round closes), and the results list with its Excel export."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import View

from lianxin.assessment import forms, services
from lianxin.assessment.choices import Stage
from lianxin.assessment.filters import EntryFilter, RoundFilter
from lianxin.assessment.models import Entry, Round, Slides
from lianxin.assessment.plugin import Action
from lianxin.assessment.tables import EntryTable, RoundTable
from lianxin.assessment.views.scoring import AddButtonMixin
from lianxin.core.scope import prefix_q
from lianxin.core.views import ActionRequiredMixin, ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org

V, RUN = Action.ASSESSMENT_VIEW, Action.COMPETITION_MANAGE


class RoundListView(AddButtonMixin, ScopedListView):
    permission_action = V
    add_action = RUN
    model = Round
    table_class = RoundTable
    filterset_class = RoundFilter
    title = gettext_lazy("三次大比武")
    export_filename = "大比武赛事.xlsx"
    template_name = "assessment/round_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")


class RoundCreateView(ServiceFormView):
    """A township sets up its preliminary, a county office the final."""

    permission_action = RUN
    form_class = forms.RoundForm
    title = gettext_lazy("设立比武赛事")
    back_url = "assessment:round_list"

    def perform(self, actor, form):
        org = self.request.user.home_org
        org = org.parent if org is not None and org.is_unit else org
        stage = Stage.FINAL if org is not None and org.kind == OrgKind.COUNTY else Stage.PRELIMINARY
        return services.create_round(actor, org, stage=stage, **form.cleaned_data)


def _add_judge(actor, contest, user):
    return services.assign_judge(actor, contest, user)


def _add_entry(actor, contest, village, **data):
    return services.add_entry(actor, contest, village, **data)


class RoundDetailView(ObjectOperationsView):
    permission_action = V
    model = Round
    template_name = "assessment/round_detail.html"
    operations = {
        "judge": Operation(_add_judge, gettext_lazy("已指定评委"), RUN, form=forms.JudgeForm, inline=True),
        "entry": Operation(_add_entry, gettext_lazy("已登记参赛"), RUN, form=forms.EntryForm, inline=True),
        "close": Operation(
            services.close_round, gettext_lazy("比武已结束，结果已公布"), RUN, allowed=services.can_close_round
        ),
    }

    def operation_form_kwargs(self, name):
        code = self.object.org.code
        if name == "judge":
            county = self.object.org.ancestor_code(OrgLevel.COUNTY)
            users = get_user_model().objects.filter(prefix_q(county, "role_assignments__org__code")).distinct()
            return {"users": users.order_by("username")}
        villages = Org.objects.filter(prefix_q(code), kind__in=GRASSROOTS_KINDS).order_by("code")
        return {"villages": villages}

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.object.entries.select_related("org").order_by("place", "org__code")
        judges = self.object.judges.select_related("user")
        return context | {
            "entries": entries,
            "judges": judges,
            "is_judge": services.can_judge(self.request.user, self.object),
        }


def _score(actor, entry, points):
    return services.score_entry(actor, entry, points)


def _slides(actor, entry, upload):
    return services.upload_slides(actor, entry, upload)


class EntryDetailView(ObjectOperationsView):
    permission_action = V
    model = Entry
    template_name = "assessment/entry_detail.html"
    operations = {
        "score": Operation(
            _score,
            gettext_lazy("评分已保存"),
            None,
            form=forms.JudgeScoreForm,
            inline=True,
            allowed=lambda user, entry: services.can_judge(user, entry.round),
        ),
        "slides": Operation(
            _slides,
            gettext_lazy("演示文稿已上传"),
            RUN,
            form=forms.SlidesForm,
            inline=True,
            allowed=lambda user, entry: services.can_close_round(user, entry.round),
        ),
    }

    def operation_form_kwargs(self, name):
        return {"entry": self.object} if name == "score" else {}

    def get_queryset(self):
        return super().get_queryset().select_related("org", "round__org")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scores = services.visible_scores(self.request.user, self.object.round).filter(entry=self.object)
        return context | {
            "scores": scores.select_related("judge"),
            "slides": getattr(self.object, "slides", None),
        }


class SlidesDownloadView(ActionRequiredMixin, View):
    """The entry's slides, found through the entries in scope; served as a download."""

    permission_action = V

    def get(self, request, pk):
        entries = Entry.objects.restrict(request.user, self.permission_action)
        return get_object_or_404(Slides.objects.filter(entry__in=entries), entry_id=pk).download()


class EntryListView(ScopedListView):
    """Results: a round's entries by place (filter by round), exported as the results sheet."""

    permission_action = V
    model = Entry
    table_class = EntryTable
    filterset_class = EntryFilter
    title = gettext_lazy("比武结果")
    export_filename = "比武结果.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "round").order_by("round", "place", "org__code")
