"""Every change to points is one function here: guard (`require`), lock the rows whose numbers
move (the account, the goods), change and record the audit event — in one transaction. The
balance and the stock are changed only here, under `select_for_update`, so that two clerks
redeeming at once cannot both spend the same points or the last item."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.services import Actor, record, snapshot
from lianxin.core.changes import audited, clean_fields, locked, today
from lianxin.core.permissions import can_at, require
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.points.choices import EntryStatus, Period
from lianxin.points.models import Account, Donation, Entry, EntryPhoto, Goods, Redemption, Rule, Scheme
from lianxin.points.plugin import Action
from lianxin.registers.models import Household
from lianxin.registers.services import village_only

RULE_FIELDS = ("name", "points", "limit", "period")

# --- rule books -------------------------------------------------------------------------------


@transaction.atomic
def add_rule(actor: Actor, book: Org, *, name: str, points: int, limit=None, period=Period.MONTH) -> Rule:
    """An item of a township's template or of a village's own rule book."""
    require(actor, Action.POINTS_MANAGE, book.code)
    if book.kind != OrgKind.TOWNSHIP and book.kind not in GRASSROOTS_KINDS:
        raise ValidationError(_("积分规则只能建在乡镇（模板）或村（社区）"))
    rule = Rule(org=book, name=name.strip(), points=points, limit=limit, period=period)
    clean_fields(rule, RULE_FIELDS)
    rule.save()
    record(actor, "points.rule.create", obj=rule, org_code=book.code, after=snapshot(rule, RULE_FIELDS))
    return rule


def _active_rule(actor: Actor, rule: Rule) -> Rule:
    rule = locked(rule)
    require(actor, Action.POINTS_MANAGE, rule.org.code)
    if not rule.active:
        raise ValidationError(_("该积分规则已停用"))
    return rule


def can_change_rule(user, rule: Rule) -> bool:
    return rule.active and can_at(user, Action.POINTS_MANAGE, rule.org.code)


@transaction.atomic
def change_rule(actor: Actor, rule: Rule, *, name: str, points: int, limit=None, period=Period.MONTH) -> Rule:
    """A rule's name, points or limit per period, from now on: entries already made keep the
    points they were entered with (each entry holds its own), so the history does not move."""
    rule = _active_rule(actor, rule)
    with audited(actor, "points.rule.update", rule, RULE_FIELDS):
        rule.name, rule.points, rule.limit, rule.period = name.strip(), points, limit, period
        clean_fields(rule, RULE_FIELDS)
        rule.save(update_fields=list(RULE_FIELDS))
    return rule


@transaction.atomic
def retire_rule(actor: Actor, rule: Rule) -> Rule:
    """No new entries under the rule; its entries stay (a rule with entries is never deleted)."""
    rule = _active_rule(actor, rule)
    with audited(actor, "points.rule.retire", rule, ("active",)):
        rule.active = False
        rule.save(update_fields=["active"])
    return rule


@transaction.atomic
def copy_template(actor: Actor, village: Org, *, auto_approve_up_to: int = 5) -> Scheme:
    """The village's scheme with the township's active template items it does not have yet."""
    require(actor, Action.POINTS_MANAGE, village_only(village).code)
    scheme, _created = Scheme.objects.get_or_create(org=village, defaults={"auto_approve_up_to": auto_approve_up_to})
    have = set(Rule.objects.filter(org=village).values_list("name", flat=True))
    template = Rule.objects.filter(org_id=village.parent_id, active=True).exclude(name__in=have)
    copies = Rule.objects.bulk_create(
        Rule(org=village, name=r.name, points=r.points, limit=r.limit, period=r.period, source=r) for r in template
    )
    record(actor, "points.scheme.copy", obj=scheme, org_code=village.code, after={"copied": len(copies)})
    return scheme


@transaction.atomic
def set_threshold(actor: Actor, scheme: Scheme, auto_approve_up_to: int) -> Scheme:
    scheme = locked(scheme)
    require(actor, Action.POINTS_MANAGE, scheme.org.code)
    with audited(actor, "points.scheme.threshold", scheme, ("auto_approve_up_to",)):
        scheme.auto_approve_up_to = auto_approve_up_to
        clean_fields(scheme, ("auto_approve_up_to",))
        scheme.save(update_fields=["auto_approve_up_to"])
    return scheme


# --- entries ----------------------------------------------------------------------------------


def account_of(household: Household) -> Account:
    """The household's account, made on its first points; locked to the end of the transaction."""
    Account.objects.get_or_create(household=household, defaults={"org_id": household.org_id})
    return Account.objects.select_for_update().select_related("org").get(household=household)


def period_start(day: date, period: str) -> date:
    if period == Period.YEAR:
        return day.replace(month=1, day=1)
    if period == Period.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def _check_limit(account: Account, rule: Rule, day: date) -> None:
    if rule.limit is None:
        return
    used = (
        Entry.objects.filter(account=account, rule=rule, date__gte=period_start(day, rule.period), date__lte=day)
        .exclude(status=EntryStatus.REJECTED)
        .count()
    )
    if used >= rule.limit:
        raise ValidationError(
            _("“%(rule)s”%(period)s最多 %(n)d 次，该户本期已有 %(used)d 次")
            % {"rule": rule.name, "period": rule.get_period_display(), "n": rule.limit, "used": used}
        )


@transaction.atomic
def enter_points(actor: Actor, household: Household, rule: Rule, *, day: date, note: str = "", photo=None) -> Entry:
    """A clerk's entry for a household under an item of its village's book. Up to the village's
    threshold it takes effect at once; above it, it waits for the secretary."""
    require(actor, Action.POINTS_ENTER, household.org.code)
    scheme = Scheme.objects.filter(org_id=household.org_id).first()
    if scheme is None:
        raise ValidationError(_("本村尚未建立积分方案，请先从乡镇模板复制积分规则"))
    if rule.org_id != household.org_id or not rule.active:
        raise ValidationError(_("请选择本村在用的积分项目"))
    if household.has_left:
        raise ValidationError(_("该户已迁出或注销"))
    if day > today():
        raise ValidationError(_("日期不能晚于今天"))
    account = account_of(household)  # locked: limits are counted one entry at a time per household
    _check_limit(account, rule, day)
    auto = abs(rule.points) <= scheme.auto_approve_up_to
    entry = Entry.objects.create(
        org_id=household.org_id,
        account=account,
        rule=rule,
        points=rule.points,
        date=day,
        note=note.strip(),
        entered_by=actor.user,
        status=EntryStatus.APPROVED if auto else EntryStatus.PENDING,
        decided_at=timezone.now() if auto else None,
    )
    if photo is not None:
        attachment = EntryPhoto(entry=entry)
        attachment.fill_from_upload(photo)
        attachment.save()
    if auto:
        Account.objects.filter(pk=account.pk).update(balance=F("balance") + entry.points)
    record(
        actor,
        "points.entry.create",
        obj=entry,
        org_code=household.org.code,
        after={**snapshot(entry, ("points", "date", "status")), "rule": rule.name, "photo": photo is not None},
    )
    return entry


def _pending(actor: Actor, entry: Entry) -> Entry:
    entry = locked(entry)
    require(actor, Action.POINTS_APPROVE, entry.org.code)
    if entry.status != EntryStatus.PENDING:
        raise ValidationError(_("只有待审核的积分可以审核"))
    if actor.user is not None and entry.entered_by_id == actor.user.pk:
        raise ValidationError(_("不能审核自己录入的积分，请由村党支部书记审核"))
    return entry


def can_decide(user, entry: Entry) -> bool:
    return (
        entry.status == EntryStatus.PENDING
        and entry.entered_by_id != user.pk
        and can_at(user, Action.POINTS_APPROVE, entry.org.code)
    )


@transaction.atomic
def approve_entry(actor: Actor, entry: Entry) -> Entry:
    entry = _pending(actor, entry)
    Account.objects.select_for_update().filter(pk=entry.account_id).update(balance=F("balance") + entry.points)
    with audited(actor, "points.entry.approve", entry, ("status",)):
        entry.status, entry.decided_by, entry.decided_at = EntryStatus.APPROVED, actor.user, timezone.now()
        entry.save(update_fields=["status", "decided_by", "decided_at"])
    return entry


@transaction.atomic
def reject_entry(actor: Actor, entry: Entry, reason: str) -> Entry:
    entry = _pending(actor, entry)
    if not reason.strip():
        raise ValidationError(_("请填写退回理由"))
    with audited(actor, "points.entry.reject", entry, ("status",), ("status", "reason")):
        entry.status, entry.reason = EntryStatus.REJECTED, reason.strip()
        entry.decided_by, entry.decided_at = actor.user, timezone.now()
        entry.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return entry


# --- the shop ---------------------------------------------------------------------------------


@transaction.atomic
def add_goods(actor: Actor, village: Org, *, name: str, price: int) -> Goods:
    require(actor, Action.POINTS_MANAGE, village_only(village).code)
    goods = Goods(org=village, name=name.strip(), price=price)
    clean_fields(goods, ("name", "price"))
    goods.save()
    record(actor, "points.goods.create", obj=goods, org_code=village.code, after=snapshot(goods, ("name", "price")))
    return goods


@transaction.atomic
def donate(actor: Actor, goods: Goods, *, quantity: int, donor: str, value=0, day: date | None = None) -> Donation:
    """道德银行: goods in from a donor or a fund; the stock grows under the goods' lock."""
    goods = locked(goods)
    require(actor, Action.POINTS_MANAGE, goods.org.code)
    if quantity < 1 or not donor.strip():
        raise ValidationError(_("请填写数量和捐赠方（或资金来源）"))
    donation = Donation.objects.create(
        org_id=goods.org_id, goods=goods, quantity=quantity, donor=donor.strip(), value=value, date=day or today()
    )
    Goods.objects.filter(pk=goods.pk).update(stock=F("stock") + quantity)
    record(
        actor,
        "points.donation.create",
        obj=donation,
        org_code=goods.org.code,
        after={"goods": goods.name, "quantity": quantity, "donor": donation.donor, "value": str(value)},
    )
    return donation


@transaction.atomic
def redeem(actor: Actor, household: Household, goods: Goods, *, quantity: int = 1, day: date | None = None):
    """A household spends points on goods of its own village's shop: both the balance and the
    stock are read under their row locks, so neither can be overdrawn by two clerks at once."""
    require(actor, Action.POINTS_REDEEM, household.org.code)
    goods = locked(goods)
    if goods.org_id != household.org_id or not goods.active:
        raise ValidationError(_("请选择本村积分超市在售的商品"))
    if quantity < 1:
        raise ValidationError(_("数量至少为 1"))
    account = account_of(household)
    cost = goods.price * quantity
    if goods.stock < quantity:
        raise ValidationError(_("库存不足：%(name)s 仅剩 %(n)d 件") % {"name": goods.name, "n": goods.stock})
    if account.balance < cost:
        raise ValidationError(
            _("积分不足：需要 %(cost)d 分，余额 %(balance)d 分") % {"cost": cost, "balance": account.balance}
        )
    redemption = Redemption.objects.create(
        org_id=household.org_id, account=account, goods=goods, quantity=quantity, points=cost, date=day or today()
    )
    Account.objects.filter(pk=account.pk).update(balance=F("balance") - cost)
    Goods.objects.filter(pk=goods.pk).update(stock=F("stock") - quantity)
    record(
        actor,
        "points.redemption.create",
        obj=redemption,
        org_code=household.org.code,
        after={"goods": goods.name, "quantity": quantity, "points": cost},
    )
    return redemption
