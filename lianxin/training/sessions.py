"""Trainings from order to rating: a township orders (点单), the county office dispatches to a
lecturer (派单), the lecturer accepts (接单) and holds it; members sign in on their phones and
rate it. Each step locks the order, checks its state and who acts, and is audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor, record
from lianxin.core.changes import audited, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.registers.models import PartyMember
from lianxin.training.choices import OrderStatus
from lianxin.training.models import Attendance, TrainingOrder
from lianxin.training.plugin import Action


@transaction.atomic
def order_training(
    actor: Actor, township: Org, *, topic: str, audience: str, wanted_on: date, hours: Decimal, place: str = ""
) -> TrainingOrder:
    require(actor, Action.TRAINING_ORDER, township.code)
    if township.kind != OrgKind.TOWNSHIP:
        raise ValidationError(_("培训由乡镇（街道）点单"))
    if not topic.strip() or not audience.strip():
        raise ValidationError(_("请填写培训主题和培训对象"))
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("学时须大于 0")})
    order = TrainingOrder.objects.create(
        org=township, topic=topic.strip(), audience=audience.strip(), wanted_on=wanted_on, hours=hours, place=place
    )
    record(actor, "training.order.create", obj=order, org_code=township.code, after={"topic": order.topic})
    return order


def lecturers(county_code: str):
    """Users holding the lecturer role at the county (one query)."""
    from lianxin.accounts.models import User

    return User.objects.filter(
        is_active=True, role_assignments__role=Role.LECTURER, role_assignments__org__code=county_code
    ).distinct()


def can_dispatch(user, order: TrainingOrder) -> bool:
    return order.status in (OrderStatus.ORDERED, OrderStatus.DISPATCHED) and can_at(
        user, Action.TRAINING_DISPATCH, order.org.code
    )


@transaction.atomic
def dispatch(actor: Actor, order: TrainingOrder, *, lecturer) -> TrainingOrder:
    """派单 (or re-dispatch before acceptance) to a lecturer of the order's county."""
    order = locked(order)
    require(actor, Action.TRAINING_DISPATCH, order.org.code)
    if order.status not in (OrderStatus.ORDERED, OrderStatus.DISPATCHED):
        raise ValidationError(_("讲师已接单，不能再派单"))
    if not lecturers(order.org.ancestor_code(OrgLevel.COUNTY)).filter(pk=lecturer.pk).exists():
        raise ValidationError({"lecturer": _("请选择本县（市、区）的讲师")})
    with audited(actor, "training.order.dispatch", order, ("status", "lecturer")):
        order.status, order.lecturer = OrderStatus.DISPATCHED, lecturer
        order.save(update_fields=["status", "lecturer"])
    return order


def _lecturers_order(actor: Actor, order: TrainingOrder, status: str, refusal: str) -> TrainingOrder:
    order = locked(order)
    require(actor, Action.TRAINING_LECTURE, order.org.code)
    if actor.user is not None and order.lecturer_id != actor.user.pk:
        raise PermissionDenied(_("这不是派给您的培训"))
    if order.status != status:
        raise ValidationError(refusal)
    return order


def can_accept(user, order: TrainingOrder) -> bool:
    return order.status == OrderStatus.DISPATCHED and order.lecturer_id == user.pk


def can_hold(user, order: TrainingOrder) -> bool:
    return order.status == OrderStatus.ACCEPTED and order.lecturer_id == user.pk


@transaction.atomic
def accept(actor: Actor, order: TrainingOrder) -> TrainingOrder:
    order = _lecturers_order(actor, order, OrderStatus.DISPATCHED, _("只有已派单的培训可以接单"))
    with audited(actor, "training.order.accept", order, ("status",)):
        order.status = OrderStatus.ACCEPTED
        order.save(update_fields=["status"])
    return order


@transaction.atomic
def hold(actor: Actor, order: TrainingOrder, on: date | None = None) -> TrainingOrder:
    """The lecturer reports the training held (attendees may sign in from acceptance on)."""
    order = _lecturers_order(actor, order, OrderStatus.ACCEPTED, _("只有已接单的培训可以报举办"))
    on = on or today()
    if on > today():
        raise ValidationError(_("举办日期不能晚于今天"))
    with audited(actor, "training.order.hold", order, ("status", "held_on")):
        order.status, order.held_on = OrderStatus.HELD, on
        order.save(update_fields=["status", "held_on"])
    return order


def member_of(user, township: Org) -> PartyMember | None:
    """The user's own member record in `township` (a member signs in for themself only)."""
    return PartyMember.objects.filter(user=user, org__parent=township).select_related("org").first()


def open_to(user):
    """The trainings of the townships where `user` is a party member (their own member records):
    what a member may sign in to and rate. A member's scope is their village, which does not
    cover the township's order, so the member record names the township."""
    if not user.can(Action.TRAINING_ATTEND):
        return TrainingOrder.objects.none()
    townships = PartyMember.objects.filter(user=user).values("org__parent")
    return TrainingOrder.objects.filter(org__in=townships, status__in=(OrderStatus.ACCEPTED, OrderStatus.HELD))


def can_sign_in(user, order: TrainingOrder) -> bool:
    return (
        order.status in (OrderStatus.ACCEPTED, OrderStatus.HELD)
        and user.can(Action.TRAINING_ATTEND)
        and not Attendance.objects.filter(order=order, member__user=user).exists()
    )


@transaction.atomic
def sign_in(actor: Actor, order: TrainingOrder, member: PartyMember | None = None) -> Attendance:
    """签到: a member of the township signs in on their phone (the system actor names the member)."""
    order = locked(order)
    member = member if actor.user is None else member_of(actor.user, order.org)
    if member is None:
        raise PermissionDenied(_("只有本乡镇（街道）的党员可以签到"))
    require(actor, Action.TRAINING_ATTEND, member.org.code)
    if member.org.parent_id != order.org_id:
        raise ValidationError(_("只有本乡镇（街道）的党员可以签到"))
    if order.status not in (OrderStatus.ACCEPTED, OrderStatus.HELD):
        raise ValidationError(_("培训尚未确定讲师，还不能签到"))
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(order=order, member=member, org_id=member.org_id)
    except IntegrityError:
        raise ValidationError(_("您已签到")) from None
    record(actor, "training.attendance.sign_in", obj=attendance, org_code=member.org.code)
    return attendance


@transaction.atomic
def rate(actor: Actor, attendance: Attendance, *, score: int, comment: str = "") -> Attendance:
    attendance = locked(attendance)
    require(actor, Action.TRAINING_ATTEND, attendance.org.code)
    if actor.user is not None and attendance.member.user_id != actor.user.pk:
        raise PermissionDenied(_("只能评价自己参加的培训"))
    if attendance.order.status != OrderStatus.HELD:
        raise ValidationError(_("培训举办后才能评价"))
    if score not in range(1, 6):
        raise ValidationError({"score": _("评分为 1 到 5")})
    with audited(actor, "training.attendance.rate", attendance, ("score", "comment")):
        attendance.score, attendance.comment = score, comment.strip()[:500]
        attendance.save(update_fields=["score", "comment"])
    return attendance


def hours_by_member(attendances, year: int) -> dict[int, Decimal]:
    """Training hours per member in `year`: the held trainings they signed in to (one query)."""
    rows = (
        attendances.filter(order__status=OrderStatus.HELD, order__held_on__year=year)
        .values("member")
        .annotate(hours=Sum("order__hours"))
    )
    return {row["member"]: row["hours"] for row in rows}


def can_rate(user, order: TrainingOrder) -> bool:
    return (
        order.status == OrderStatus.HELD
        and Attendance.objects.filter(order=order, member__user=user, score__isnull=True).exists()
    )


def rate_order(actor: Actor, order: TrainingOrder, *, score: int, comment: str = "") -> Attendance:
    """Rate the training the acting member signed in to (the page's operation)."""
    attendance = Attendance.objects.filter(order=order, member__user=actor.user).first()
    if attendance is None:
        raise ValidationError(_("签到后才能评价"))
    return rate(actor, attendance, score=score, comment=comment)


def with_hours(members, year: int):
    """`members` (restricted) that attended a held training in `year`, each with its number of
    `trainings` and `hours` — subqueries of the one query that reads the members."""
    attended = Attendance.objects.filter(
        member=OuterRef("pk"), order__status=OrderStatus.HELD, order__held_on__year=year
    ).order_by()
    total = attended.values("member").annotate(s=Sum("order__hours")).values("s")
    count = attended.values("member").annotate(n=Count("pk")).values("n")
    return members.annotate(hours=Subquery(total), trainings=Subquery(count)).filter(hours__gt=0)
