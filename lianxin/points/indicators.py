"""Points' computed indicators for the star standards (lianxin/core/indicators.py): the share
of a village's households with approved points in the year (积分覆盖户数), and the months of
the year in which the shop redeemed anything (积分超市每月开放兑换). Two queries and one."""

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.core.indicators import Indicator
from lianxin.points.choices import EntryStatus
from lianxin.points.models import Entry, Redemption
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.models import Household


def households_share(codes: list[str], year: int) -> dict:
    taking_part = dict(
        Entry.objects.filter(org__code__in=codes, status=EntryStatus.APPROVED, date__year=year)
        .values("org__code")
        .annotate(n=Count("account", distinct=True))
        .values_list("org__code", "n")
    )
    households = dict(
        Household.objects.filter(org__code__in=codes, status=HouseholdStatus.ACTIVE)
        .values("org__code")
        .annotate(n=Count("pk"))
        .values_list("org__code", "n")
    )
    return {
        code: round(100 * taking_part.get(code, 0) / households[code], 1) if households.get(code) else None
        for code in codes
    }


def shop_months(codes: list[str], year: int) -> dict:
    months = dict(
        Redemption.objects.filter(org__code__in=codes, date__year=year)
        .values("org__code")
        .annotate(n=Count(ExtractMonth("date"), distinct=True))
        .values_list("org__code", "n")
    )
    return {code: months.get(code, 0) for code in codes}


def _ranking(code: str, year: int) -> str:
    return f"{reverse('points:ranking')}?place={code}&year={year}"


def _redemptions(code: str, year: int) -> str:
    return f"{reverse('points:redemption_list')}?place={code}"


HOUSEHOLDS_SHARE = Indicator(_("参与积分户数比例"), "%", households_share, _ranking)
SHOP_MONTHS = Indicator(_("积分超市有兑换的月数"), _("个月"), shop_months, _redemptions)
