"""Volunteer service: teams, volunteers, activities and sign-ins — each one service call with
its audit event; totals per volunteer per year and over a lifetime (hours before the system
included) in one grouped query. On the phone a volunteer signs in on arrival (`arrive`) and out
on leaving (`leave`): the hours between, to the half hour, are credited by `sign_in` as if typed."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.civic.models import Activity, Arrival, SignIn, Team, Volunteer
from lianxin.civic.plugin import Action
from lianxin.core.changes import today
from lianxin.core.permissions import require
from lianxin.orgs.models import Org
from lianxin.registers.services import village_only


@transaction.atomic
def add_team(actor: Actor, village: Org, *, name: str, kind: str) -> Team:
    require(actor, Action.CIVIC_VOLUNTEER, village_only(village).code)
    team = Team(org=village, name=name.strip(), kind=kind)
    team.full_clean()
    team.save()
    record(actor, "civic.team.create", obj=team, org_code=village.code, after=snapshot(team, ("name", "kind")))
    return team


@transaction.atomic
def register(
    actor: Actor, village: Org, *, name: str, member=None, teams=(), skills="", since=None, prior_hours=0
) -> Volunteer:
    """A member of the branch or a resident; teams of the same village."""
    require(actor, Action.CIVIC_VOLUNTEER, village_only(village).code)
    if member is not None and member.org_id != village.pk:
        raise ValidationError(_("党员须是本支部党员"))
    if any(t.org_id != village.pk for t in teams):
        raise ValidationError(_("只能加入本村（社区）的志愿服务队"))
    volunteer = Volunteer(
        org=village, name=name.strip(), member=member, skills=skills.strip(), since=since, prior_hours=prior_hours
    )
    volunteer.full_clean()
    volunteer.save()
    volunteer.teams.set(teams)
    record(
        actor,
        "civic.volunteer.create",
        obj=volunteer,
        org_code=village.code,
        after=snapshot(volunteer, ("name", "member", "since", "prior_hours")),
    )
    return volunteer


@transaction.atomic
def record_activity(
    actor: Actor, team: Team, *, title: str, day=None, beneficiaries: int = 0, note: str = "", hours=None
) -> Activity:
    """An activity of a team with its volunteers' hours: `hours` maps volunteer -> hours."""
    require(actor, Action.CIVIC_VOLUNTEER, team.org.code)
    day = day or today()
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    activity = Activity(
        org_id=team.org_id,
        team=team,
        title=title.strip(),
        date=day,
        beneficiaries=beneficiaries,
        beneficiaries_note=note,
    )
    activity.full_clean()
    activity.save()
    record(actor, "civic.activity.create", obj=activity, org_code=team.org.code, after={"title": title, "date": day})
    for volunteer, h in (hours or {}).items():
        sign_in(actor, activity, volunteer, h)
    return activity


@transaction.atomic
def sign_in(actor: Actor, activity: Activity, volunteer: Volunteer, hours) -> SignIn:
    """A volunteer signs in to an activity (from a phone), once, with the hours served."""
    require(actor, Action.CIVIC_VOLUNTEER, activity.org.code)
    if volunteer.org_id != activity.org_id:
        raise ValidationError(_("志愿者须是本村（社区）的志愿者"))
    hours = Decimal(str(hours))
    if not Decimal("0") < hours <= Decimal("24"):
        raise ValidationError(_("服务时长须在 0 到 24 小时之间"))
    if SignIn.objects.filter(activity=activity, volunteer=volunteer).exists():
        raise ValidationError(_("%(name)s 已签到") % {"name": volunteer.name})
    done = SignIn.objects.create(activity=activity, volunteer=volunteer, hours=hours)
    record(
        actor,
        "civic.volunteer.sign_in",
        obj=volunteer,
        org_code=activity.org.code,
        after={"activity": activity.pk, "hours": str(hours)},
    )
    return done


HALF_HOUR = 1800  # seconds: phone sign-ins are credited to the half hour


def served_hours(arrived_at: datetime, left_at: datetime) -> Decimal:
    """The hours between signing in and out, to the nearest half hour; at least half an hour
    (a volunteer who came is credited), at most the 24 that `sign_in` accepts."""
    halves = max(1, round((left_at - arrived_at).total_seconds() / HALF_HOUR))
    return min(Decimal(halves) / 2, Decimal("24"))


def _for_activity(actor: Actor, activity: Activity, volunteer: Volunteer) -> None:
    require(actor, Action.CIVIC_VOLUNTEER, activity.org.code)
    if volunteer.org_id != activity.org_id:
        raise ValidationError(_("志愿者须是本村（社区）的志愿者"))


@transaction.atomic
def arrive(actor: Actor, activity: Activity, volunteer: Volunteer) -> Arrival:
    """A volunteer signs in on the phone, on the activity's day, once."""
    _for_activity(actor, activity, volunteer)
    if activity.date != today():
        raise ValidationError(_("只能在活动当天签到"))
    if SignIn.objects.filter(activity=activity, volunteer=volunteer).exists():
        raise ValidationError(_("%(name)s 已签到并签退") % {"name": volunteer.name})
    try:
        with transaction.atomic():
            arrival = Arrival.objects.create(activity=activity, volunteer=volunteer)
    except IntegrityError as exc:  # the same volunteer signed in twice at once
        raise ValidationError(_("%(name)s 已签到") % {"name": volunteer.name}) from exc
    record(actor, "civic.volunteer.arrive", obj=volunteer, org_code=activity.org.code, after={"activity": activity.pk})
    return arrival


@transaction.atomic
def leave(actor: Actor, activity: Activity, volunteer: Volunteer, *, at: datetime | None = None) -> SignIn:
    """A volunteer signs out: the hours since signing in are credited (the arrival is locked, so
    two sign-outs at once credit them once)."""
    _for_activity(actor, activity, volunteer)
    arrival = Arrival.objects.select_for_update().filter(activity=activity, volunteer=volunteer).first()
    if arrival is None:
        raise ValidationError(_("%(name)s 还没有签到") % {"name": volunteer.name})
    hours = served_hours(arrival.arrived_at, at or timezone.now())
    arrival.delete()
    return sign_in(actor, activity, volunteer, hours)


ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=9, decimal_places=1))


def with_totals(volunteers, year: int):
    """`volunteers` with `year_hours` and `lifetime_hours` (hours before the system included)."""
    return volunteers.annotate(
        year_hours=Coalesce(Sum("sign_ins__hours", filter=Q(sign_ins__activity__date__year=year)), ZERO),
        signed_hours=Coalesce(Sum("sign_ins__hours"), ZERO),
    )
