"""Model-person selection pages: the campaigns list, a new campaign, and a campaign's page with
its steps (nominate, open voting, vote, publicise, objection, close) as operations."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from lianxin.civic import forms, selection
from lianxin.civic.choices import Voting
from lianxin.civic.filters import CampaignFilter
from lianxin.civic.models import Campaign
from lianxin.civic.plugin import Action
from lianxin.civic.public import public_url
from lianxin.civic.tables import CampaignTable
from lianxin.core.qr import qr_svg
from lianxin.core.scope import prefix_q
from lianxin.core.views import ObjectOperationsView, Operation
from lianxin.orgs.models import Org
from lianxin.registers.models import Household
from lianxin.registers.sections import SectionFormView, SectionListView

V, RUN = Action.CIVIC_VIEW, Action.CIVIC_VOLUNTEER


class CampaignListView(SectionListView):
    permission_action = V
    model = Campaign
    table_class = CampaignTable
    filterset_class = CampaignFilter
    title = gettext_lazy("先进人物评选")
    export_filename = "先进人物评选.xlsx"
    buttons = (("civic:campaign_create", gettext_lazy("发起评选"), "plus", RUN),)


class CampaignCreateView(SectionFormView):
    permission_action = RUN
    form_class = forms.CampaignForm
    title = gettext_lazy("发起先进人物评选")
    back_url = "civic:campaign_list"

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        org = get_object_or_404(Org.objects.restrict(self.request.user, RUN), code=data.pop("org_code").strip())
        return selection.create_campaign(actor, org, **data)


def _vote(actor, campaign, *, nomination, household):
    return selection.vote(actor, nomination, household=household)


def _objection(actor, campaign, *, nomination, content):
    return selection.lodge_objection(actor, nomination, content)


class CampaignDetailView(ObjectOperationsView):
    permission_action = V
    model = Campaign
    template_name = "civic/campaign_detail.html"
    operations = {
        "nominate": Operation(
            selection.nominate, gettext_lazy("已推荐"), RUN, form=forms.NominateForm, allowed=selection.can_run
        ),
        "open_voting": Operation(selection.open_voting, gettext_lazy("已开始投票"), RUN, allowed=selection.can_run),
        "vote": Operation(_vote, gettext_lazy("已投票"), RUN, form=forms.VoteForm, allowed=selection.can_run),
        "publicise": Operation(
            selection.publicise, gettext_lazy("结果已公示"), RUN, form=forms.PubliciseForm, allowed=selection.can_run
        ),
        "objection": Operation(
            _objection, gettext_lazy("异议已登记"), RUN, form=forms.ObjectionForm, allowed=selection.can_run
        ),
        "close": Operation(selection.close_campaign, gettext_lazy("评选已结束"), RUN, allowed=selection.can_run),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def voters(self):
        households = Household.objects.restrict(self.request.user, RUN)
        return households.filter(prefix_q(self.object.org.code, "org__code"))

    def operation_form_kwargs(self, name):
        nominations = self.object.nominations.all()
        if name == "vote":
            return {"nominations": nominations, "households": self.voters()}
        if name == "objection":
            return {"nominations": nominations.filter(selected=True)}
        return {}

    def get_context_data(self, **kwargs):
        nominations = self.object.nominations.annotate(n_votes=Count("votes")).prefetch_related("objections")
        voters = self.voters().order_by("number")[:2000] if self.object.voting == Voting.RESIDENTS else []
        url = public_url(self.request, self.object)
        return super().get_context_data(
            nominations=nominations, voters=voters, public_url=url, public_qr=qr_svg(url), **kwargs
        )
