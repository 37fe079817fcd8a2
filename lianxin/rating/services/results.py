"""Determination (认定) within the county's quotas, lowering or revoking a result, paying a
progress award, and reminders of overdue review steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.permissions import can_at, require
from lianxin.orgs import rollups
from lianxin.orgs.models import Org
from lianxin.rating import workdays
from lianxin.rating.choices import (
    ApplicationKind,
    ApplicationStatus,
    ObjectionStatus,
    QuotaKind,
    RatingStatus,
)
from lianxin.rating.models import Application, ProgressAward, Quota, VillageRating
from lianxin.rating.plugin import Action
from lianxin.rating.rollups import RATINGS, tally
from lianxin.rating.services.applications import gained_over, lock_application
from lianxin.rating.services.config import config_for, county_of
from lianxin.standards.choices import Star


def _locked_quota(county: Org, year: int, kind: str, level: int = 0, star: str = "") -> Quota | None:
    return Quota.objects.select_for_update().filter(org=county, year=year, kind=kind, level=level, star=star).first()


def _take(quota: Quota | None, label: str) -> None:
    if quota is None:
        return
    if quota.used >= quota.limit:
        raise ValidationError(_("%(label)s名额已满（%(n)d 个），不能再认定") % {"label": label, "n": quota.limit})
    quota.used += 1
    quota.save(update_fields=["used"])


def _give_back(quota: Quota | None) -> None:
    if quota is not None and quota.used > 0:
        quota.used -= 1
        quota.save(update_fields=["used"])


def can_determine(user, application: Application) -> bool:
    """The office determines a result under publicity (the service checks the period and the
    objections)."""
    return application.status == ApplicationStatus.PUBLICITY and can_at(
        user, Action.RATING_DECIDE, application.org.code
    )


@transaction.atomic
def determine(actor: Actor, application: Application) -> Application:
    """Make a publicised result final (认定): after the publicity period, with every objection
    handled, and within the county's quota, taken under a row lock on the quota row."""
    application = lock_application(application)
    require(actor, Action.RATING_DECIDE, application.org.code)
    if application.status != ApplicationStatus.PUBLICITY:
        raise ValidationError(_("只有公示中的申报可以认定（当前：%(s)s）") % {"s": application.get_status_display()})
    publicity = application.publicity
    if workdays.today() <= publicity.end_date:
        raise ValidationError(_("公示期至 %(d)s 结束，期满后才能认定") % {"d": publicity.end_date})
    if application.objections.filter(status=ObjectionStatus.PENDING).exists():
        raise ValidationError(_("有尚未处理的公示异议，处理后才能认定"))
    county = county_of(application.org)
    if application.kind == ApplicationKind.PROGRESS:
        after = _award_progress(application, county)
    else:
        after = _rate(application, county)
    application.status, application.determined_at = ApplicationStatus.DETERMINED, timezone.now()
    application.save(update_fields=["status", "determined_at"])
    record(
        actor,
        "rating.application.determine",
        obj=application,
        org_code=application.org.code,
        before={"status": ApplicationStatus.PUBLICITY},
        after={"status": application.status, **after},
    )
    return application


def _rate(application: Application, county: Org) -> dict:
    rating, _created = VillageRating.objects.select_for_update().get_or_create(
        org=application.org, year=application.year
    )
    rating.org = application.org  # loaded with the application: saving reads its code
    held = set(rating.stars) if rating.status != RatingStatus.REVOKED else set()
    stars = held | set(application.approved_stars)
    old_level, new_level = (rating.level if held else 0), len(stars)
    if new_level != old_level:
        _take(
            _locked_quota(county, application.year, QuotaKind.LEVEL, level=new_level), _("%(n)d星") % {"n": new_level}
        )
        if old_level:
            _give_back(_locked_quota(county, application.year, QuotaKind.LEVEL, level=old_level))
    for star in Star.values:
        setattr(rating, star, star in stars)
    rating.level = rating.determined_level = new_level
    rating.status, rating.application, rating.determined_at = RatingStatus.DETERMINED, application, timezone.now()
    rating.change_reason, rating.changed_at = "", None
    _store(rating)
    return {"stars": [s for s in Star.values if s in stars], "level": new_level, "previous_level": old_level}


def _award_progress(application: Application, county: Org) -> dict:
    config = config_for(county, application.year)
    awards = []
    for star in application.approved_stars:
        label = f"{Star(star).label}{_('进步星')}"
        _take(_locked_quota(county, application.year, QuotaKind.PROGRESS, star=star), label)
        awards.append(
            ProgressAward(
                org=application.org,
                year=application.year,
                star=star,
                application=application,
                amount=config.award_amount,
                plaque=f"{application.year}年度{label}",
            )
        )
    ProgressAward.objects.bulk_create(awards)
    return {"awards": application.approved_stars, "amount": config.award_amount}


def awaiting_award(user, year: int, limit: int = 200) -> list[dict]:
    """Progress stars waiting for their award: stars a village in `user`'s scope gained in
    `year`'s determined result over last year's, with no progress award for them yet, and where
    the village's nomination stands. Four queries, whatever the number of villages."""
    ratings = VillageRating.objects.restrict(user, Action.RATING_VIEW).filter(year__in=[year, year - 1])
    by_village: dict[int, dict] = {}
    for rating in ratings.select_related("org__parent").order_by("code", "year"):
        by_village.setdefault(rating.org_id, {})[rating.year] = rating
    gained = {
        org_id: stars
        for org_id, pair in by_village.items()
        if (stars := gained_over(pair.get(year), pair.get(year - 1)))
    }
    awarded = set(ProgressAward.objects.filter(year=year, org_id__in=gained).values_list("org_id", "star"))
    nominations = {
        a.org_id: a
        for a in Application.objects.filter(year=year, kind=ApplicationKind.PROGRESS, org_id__in=gained).order_by(
            "created_at"
        )
    }
    rows = []
    for org_id, stars in gained.items():
        waiting = [s for s in stars if (org_id, s) not in awarded]
        if waiting:
            nomination = nominations.get(org_id)
            rows.append(
                {
                    "village": by_village[org_id][year].org,
                    "stars": "、".join(str(Star(s).label) for s in waiting),
                    "nomination": nomination,
                }
            )
    return rows[:limit]


@transaction.atomic
def adjust_rating(actor: Actor, rating: VillageRating, *, stars, reason: str) -> VillageRating:
    """Lower a determined result (keep fewer stars) or revoke it (keep none), with a reason.
    The freed level's quota place is given back; a lowered level takes no new place."""
    rating = VillageRating.objects.select_for_update(of=("self",)).select_related("org").get(pk=rating.pk)
    require(actor, Action.RATING_DECIDE, rating.org.code)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("降星或撤销须填写理由"))
    if rating.status == RatingStatus.REVOKED:
        raise ValidationError(_("该结果已撤销"))
    keep = [s for s in Star.values if s in set(stars or [])]
    if not set(keep) < set(rating.stars):
        raise ValidationError(_("只能去掉已认定的星（降星），或全部去掉（撤销）"))
    before = {"stars": rating.stars, "level": rating.level, "status": rating.status}
    _give_back(_locked_quota(county_of(rating.org), rating.year, QuotaKind.LEVEL, level=rating.level))
    for star in Star.values:
        setattr(rating, star, star in keep)
    rating.level = len(keep)
    rating.status = RatingStatus.LOWERED if keep else RatingStatus.REVOKED
    rating.change_reason, rating.changed_at = reason, timezone.now()
    _store(rating)
    action = "rating.result.lower" if keep else "rating.result.revoke"
    record(
        actor,
        action,
        obj=rating,
        org_code=rating.org.code,
        before=before,
        after={"stars": keep, "level": rating.level, "status": rating.status, "reason": reason},
    )
    return rating


def _store(rating: VillageRating) -> None:
    """Save a result and move its county's rollup by the difference, in the same transaction.
    The row was read under its lock, so what it held then is what the database held."""
    before = tally(rating.stored)
    rating.save()
    after = tally(rating.stored)
    delta = {name: after[name] - before[name] for name in after}
    rollups.add(RATINGS, rating.org, rating.year, timezone.localdate(), delta)


@transaction.atomic
def record_payment(actor: Actor, award: ProgressAward, *, paid_on, plaque: str = "") -> ProgressAward:
    award = ProgressAward.objects.select_for_update(of=("self",)).select_related("org").get(pk=award.pk)
    require(actor, Action.RATING_DECIDE, award.org.code)
    if paid_on > workdays.today():
        raise ValidationError(_("拨付日期不能晚于今天"))
    before = snapshot(award, ("paid_on", "plaque"))
    award.paid_on = paid_on
    if plaque.strip():
        award.plaque = plaque.strip()[:100]
    award.save(update_fields=["paid_on", "plaque"])
    record(
        actor,
        "rating.award.pay",
        obj=award,
        org_code=award.org.code,
        before=before,
        after=snapshot(award, ("paid_on", "plaque", "amount")),
    )
    return award
