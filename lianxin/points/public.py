"""A household's public page, reached without login by the QR code on its plaque: its village,
its head's surname (the rest masked), its points balance, this year's points and its household
category (三类户) — nothing else.
The address carries the account's random token, not its id, so the pages of a village cannot be
walked by counting; views are rate-limited per client address like the public rating notice."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from lianxin.core.changes import today
from lianxin.core.net import client_ip
from lianxin.core.personal import mask_name
from lianxin.core.qr import qr_svg
from lianxin.core.ratelimit import over_limit, too_many_requests
from lianxin.points import queries
from lianxin.points.models import Account
from lianxin.points.rating_services import current_category


def public_url(request, account: Account) -> str:
    return request.build_absolute_uri(reverse("points:public", kwargs={"token": account.token}))


def public_qr(request, account: Account) -> str:
    return qr_svg(public_url(request, account))


@method_decorator(login_not_required, name="dispatch")
class PublicView(TemplateView):
    template_name = "points/public.html"

    def get(self, request, *args, **kwargs):
        limit, window = settings.LIANXIN_PUBLIC_POINTS_RATE
        if over_limit(f"points-public:{client_ip(request)}", limit, window):
            return too_many_requests()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = today().year
        account = get_object_or_404(
            queries.with_year_points(Account.objects.select_related("org", "household"), year),
            token=self.kwargs["token"],
        )
        return super().get_context_data(
            village=account.org.short_name,
            name=mask_name(account.household.head_name),
            balance=account.balance,
            year=year,
            year_points=account.year_points,
            category=current_category(account.household_id),
            **kwargs,
        )
