"""Three-category household ratings: the county keeps categories; the village rates its
households with a reason and submits; the township confirms and the result goes under
publicity. One service call per step, with its audit event."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.core.scope import in_range
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.points.choices import RatingStatus
from lianxin.points.models import HouseholdCategory, RatedHousehold, Rating
from lianxin.points.plugin import Action
from lianxin.registers.services import village_only


@transaction.atomic
def add_category(actor: Actor, county: Org, *, name: str, rank: int, criteria: str) -> HouseholdCategory:
    require(actor, Action.POINTS_CATEGORIES, county.code)
    if county.level != OrgLevel.COUNTY:
        raise ValidationError(_("三类户类别由县（市、区）制定"))
    category = HouseholdCategory(org=county, name=name.strip(), rank=rank, criteria=criteria.strip())
    category.full_clean()
    category.save()
    record(
        actor, "points.category.create", obj=category, org_code=county.code, after=snapshot(category, ("name", "rank"))
    )
    return category


@transaction.atomic
def change_category(actor: Actor, category: HouseholdCategory, *, name: str, rank: int, criteria: str):
    """A county's category renamed, re-ranked or its criteria rewritten; ratings already made
    point at the same category and show its new name."""
    category = locked(category)
    require(actor, Action.POINTS_CATEGORIES, category.org.code)
    with audited(actor, "points.category.update", category, ("name", "rank", "criteria")):
        category.name, category.rank, category.criteria = name.strip(), rank, criteria.strip()
        category.full_clean()
        category.save(update_fields=["name", "rank", "criteria"])
    return category


@transaction.atomic
def start_rating(actor: Actor, village: Org, period: str) -> Rating:
    require(actor, Action.POINTS_MANAGE, village_only(village).code)
    rating = Rating(org=village, period=period.strip())
    rating.full_clean()
    rating.save()
    record(actor, "points.rating.start", obj=rating, org_code=village.code, after={"period": rating.period})
    return rating


def _draft(actor: Actor, rating: Rating) -> Rating:
    rating = locked(rating)
    require(actor, Action.POINTS_MANAGE, rating.org.code)
    if rating.status != RatingStatus.DRAFT:
        raise ValidationError(_("评定已提交，不能再修改"))
    return rating


def can_rate(user, rating: Rating) -> bool:
    return rating.status == RatingStatus.DRAFT and can_at(user, Action.POINTS_MANAGE, rating.org.code)


def can_confirm(user, rating: Rating) -> bool:
    return rating.status == RatingStatus.SUBMITTED and can_at(user, Action.POINTS_CONFIRM, rating.org.code)


@transaction.atomic
def rate(actor: Actor, rating: Rating, *, household, category: HouseholdCategory, reason: str) -> RatedHousehold:
    rating = _draft(actor, rating)
    if household.org_id != rating.org_id:
        raise ValidationError(_("只能评定本村（社区）的农户"))
    if not in_range(rating.org.code, category.org.code) or not reason.strip():
        raise ValidationError(_("请选择本县的类别并写明评定理由"))
    rated, _created = RatedHousehold.objects.update_or_create(
        rating=rating, household=household, defaults={"category": category, "reason": reason.strip()}
    )
    record(
        actor,
        "points.rating.rate",
        obj=rating,
        org_code=rating.org.code,
        after={"household": household.pk, "category": category.name},
    )
    return rated


@transaction.atomic
def submit_rating(actor: Actor, rating: Rating) -> Rating:
    rating = _draft(actor, rating)
    if not rating.households.exists():
        raise ValidationError(_("还没有评定任何农户"))
    with audited(actor, "points.rating.submit", rating, ("status",)):
        rating.status = RatingStatus.SUBMITTED
        rating.save(update_fields=["status"])
    return rating


@transaction.atomic
def confirm_rating(actor: Actor, rating: Rating, *, publicity_until: date) -> Rating:
    """The township confirms; the result is publicised until `publicity_until`."""
    rating = locked(rating)
    require(actor, Action.POINTS_CONFIRM, rating.org.code)
    if rating.status != RatingStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的评定可以确认"))
    if publicity_until < today():
        raise ValidationError(_("公示截止日期不能早于今天"))
    with audited(actor, "points.rating.confirm", rating, ("status", "publicity_until")):
        rating.status, rating.publicity_until = RatingStatus.CONFIRMED, publicity_until
        rating.confirmed_by, rating.confirmed_at = actor.user, timezone.now()
        rating.save(update_fields=["status", "publicity_until", "confirmed_by", "confirmed_at"])
    return rating


def with_previous(rows):
    """Rated households with `previous` (the category's name in the household's confirmed rating
    before this one): the movement between categories, in the same query."""
    earlier = RatedHousehold.objects.filter(
        household=OuterRef("household"), rating__status=RatingStatus.CONFIRMED, rating_id__lt=OuterRef("rating_id")
    ).order_by("-rating_id")
    return rows.annotate(previous=Subquery(earlier.values("category__name")[:1]))


def current_category(household_id: int) -> str:
    latest = (
        RatedHousehold.objects.filter(household_id=household_id, rating__status=RatingStatus.CONFIRMED)
        .order_by("-rating_id")
        .values_list("category__name", flat=True)
        .first()
    )
    return latest or ""
