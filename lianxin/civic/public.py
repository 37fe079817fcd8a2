"""A selection's public page, reached without login by its QR code or link on the village's
notice board: the campaign, its candidates per category and — only once the vote has closed
(publicity, then closed) — the votes and who was selected. Names are masked to the surname as on
the points plaque; nothing else of a candidate (no reason, no household) is shown. The address
carries the campaign's random token, not its id; views are rate-limited per client address."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from lianxin.civic.choices import CampaignStatus
from lianxin.civic.models import Campaign
from lianxin.core.net import client_ip
from lianxin.core.personal import mask_name
from lianxin.core.ratelimit import over_limit, too_many_requests

VOTE_CLOSED = (CampaignStatus.PUBLICITY, CampaignStatus.CLOSED)


def public_url(request, campaign: Campaign) -> str:
    return request.build_absolute_uri(reverse("civic:public_selection", kwargs={"token": campaign.token}))


def candidates(campaign: Campaign, results: bool) -> list[dict]:
    """Per category in the campaign's order: the masked names, with the votes and the selection
    when `results` (most votes first), in one query."""
    nominations = campaign.nominations.order_by("id")
    if results:
        nominations = nominations.annotate(n_votes=Count("votes")).order_by("-n_votes", "id")
    by_category = {c: [] for c in campaign.category_list}
    for n in nominations:
        row = {"name": mask_name(n.name)}
        if results:
            row |= {"votes": n.n_votes, "selected": n.selected}
        by_category.setdefault(n.category, []).append(row)
    return [{"category": c, "candidates": rows} for c, rows in by_category.items()]


@method_decorator(login_not_required, name="dispatch")
class PublicSelectionView(TemplateView):
    template_name = "civic/public_selection.html"

    def get(self, request, *args, **kwargs):
        limit, window = settings.LIANXIN_PUBLIC_SELECTION_RATE
        if over_limit(f"civic-selection-public:{client_ip(request)}", limit, window):
            return too_many_requests()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        campaign = get_object_or_404(Campaign.objects.select_related("org"), token=self.kwargs["token"])
        results = campaign.status in VOTE_CLOSED
        return super().get_context_data(
            place=campaign.org.short_name,
            year=campaign.year,
            title=campaign.title,
            status=campaign.get_status_display(),
            publicity_until=campaign.publicity_until if campaign.status == CampaignStatus.PUBLICITY else None,
            results=results,
            categories=candidates(campaign, results),
            **kwargs,
        )
