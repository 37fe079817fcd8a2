"""Who is in which key group, from data already kept: a secretary is a party member of a branch
whose post names 书记; the branch's star level is its latest rating (not revoked); a weak branch
is one listed (not delisted) in the guidance app's register; age comes from the birth date."""

from datetime import date

from django.db.models import OuterRef, Subquery

from lianxin.core.scope import prefix_q
from lianxin.guidance.choices import WeakStatus
from lianxin.guidance.models import WeakBranch
from lianxin.rating.choices import RatingStatus
from lianxin.rating.models import VillageRating
from lianxin.registers.models import PartyMember, born_after_for_under_35
from lianxin.training.choices import Group

SECRETARY = "书记"


def secretaries(county_code: str):
    """The county's branch secretaries, each with its branch's star `level` and `weak` flag."""
    rating = VillageRating.objects.filter(
        org=OuterRef("org"), status__in=[RatingStatus.DETERMINED, RatingStatus.LOWERED]
    )
    weak = WeakBranch.objects.filter(org=OuterRef("org"), status=WeakStatus.LISTED)
    return (
        PartyMember.objects.filter(prefix_q(county_code, "org__code"), post__contains=SECRETARY)
        .select_related("org")
        .annotate(
            level=Subquery(rating.order_by("-year").values("level")[:1]),
            weak=Subquery(weak.values("pk")[:1]),
        )
    )


def groups_of(member, today: date) -> list[str]:
    found = []
    if member.level == 5:
        found.append(Group.FIVE_STAR)
    if member.level == 4:
        found.append(Group.FOUR_STAR)
    if member.birth_date > born_after_for_under_35(today):
        found.append(Group.UNDER_35)
    if member.weak:
        found.append(Group.WEAK)
    return [str(g) for g in found]


def chosen(county_code: str, wanted, today: date) -> dict:
    """Secretary -> the wanted groups they are in (only those in at least one)."""
    wanted = {str(g) for g in wanted}
    out = {}
    for member in secretaries(county_code):
        groups = [g for g in groups_of(member, today) if g in wanted]
        if groups:
            out[member] = groups
    return out
