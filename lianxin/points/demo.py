"""Demo points for 孟州市, and the generator the bench uses for all of 焦作市.

`generate(prefix)` writes in bulk (no audit per row; the caller records one event, as the
registers' demo does): each township's template, every village's copy with its scheme, a
year of approved points for up to `households` households per village, balances, and a shop
with donated goods. `load()` adds, through the services, what shows the path of a change: a
pending entry for the secretary and a redemption. Idempotent: a prefix that has schemes is
left as it is."""

import random
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from lianxin.audit.services import Actor, record
from lianxin.core.changes import today
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.points import rating_services as ratings
from lianxin.points import services
from lianxin.points.choices import EntryStatus, Period
from lianxin.points.models import Account, Donation, Entry, Goods, Rule, Scheme
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.models import Household

MENGZHOU = "410883"
SHOWCASE = "410883001002"  # 迎秀社区, the demo village account's
TEMPLATE = (
    ("参加义务劳动", 2, 4, Period.MONTH),
    ("庭院整洁美丽", 3, 1, Period.MONTH),
    ("孝老爱亲", 5, 1, Period.QUARTER),
    ("移风易俗简办红白事", 10, 1, Period.YEAR),
    ("乱堆乱放", -3, None, Period.MONTH),
)
GOODS = (("洗衣粉", 10, 60), ("食用油", 30, 30), ("大米 10 斤", 50, 20))


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("load_demo")
    result = generate(MENGZHOU)
    if result:
        record(
            actor,
            "points.demo.load",
            object_type="points.entry",
            object_repr="孟州市演示积分",
            org_code=MENGZHOU,
            after=result,
        )
        _showcase(actor)
    return result


def generate(prefix: str, households: int = 24, seed: int = 2026) -> dict:
    if Scheme.objects.filter(prefix_q(prefix, "org__code")).exists():
        return {}
    rng = random.Random(seed)
    townships = list(Org.objects.filter(prefix_q(prefix, "code"), kind=OrgKind.TOWNSHIP))
    Rule.objects.bulk_create(
        Rule(org=t, name=n, points=p, limit=lim, period=per) for t in townships for n, p, lim, per in TEMPLATE
    )
    villages = list(
        Org.objects.filter(prefix_q(prefix, "code"), kind__in=GRASSROOTS_KINDS, parent__kind=OrgKind.TOWNSHIP)
    )
    Scheme.objects.bulk_create(Scheme(org=v, auto_approve_up_to=5) for v in villages)
    Rule.objects.bulk_create(
        Rule(org=v, name=n, points=p, limit=lim, period=per) for v in villages for n, p, lim, per in TEMPLATE
    )
    rules = {}
    for rule in Rule.objects.filter(org__in=villages).order_by("pk"):
        rules.setdefault(rule.org_id, []).append(rule)
    chosen = _households(villages, households)
    Account.objects.bulk_create((Account(org_id=h.org_id, household=h) for h in chosen), batch_size=2000)
    accounts = Account.objects.filter(org__in=villages)
    months = _last_twelve_months()
    entries = [
        Entry(
            org_id=a.org_id,
            account=a,
            rule=(rule := _rule_of_month(rules[a.org_id], i, rng)),
            points=rule.points,
            date=first.replace(day=1 + rng.randrange(28)),
            status=EntryStatus.APPROVED,
            note="演示",
        )
        for a in accounts
        for i, first in enumerate(months)
    ]
    Entry.objects.bulk_create(entries, batch_size=5000)
    approved = Entry.objects.filter(account=OuterRef("pk"), status=EntryStatus.APPROVED).values("account")
    accounts.update(balance=Coalesce(Subquery(approved.annotate(s=Sum("points")).values("s")), 0))
    goods = Goods.objects.bulk_create(Goods(org=v, name=n, price=p, stock=s) for v in villages for n, p, s in GOODS)
    Donation.objects.bulk_create(
        Donation(
            org_id=g.org_id,
            goods=g,
            quantity=g.stock,
            donor="爱心企业捐赠",
            value=g.price * g.stock / 10,
            date=months[0],
        )
        for g in goods
    )
    return {"villages": len(villages), "accounts": len(chosen), "entries": len(entries)}


def _last_twelve_months() -> list[date]:
    """The first days of the last twelve calendar months, this one last."""
    first = today().replace(day=1)
    return [(first - timedelta(days=31 * back)).replace(day=1) for back in range(11, -1, -1)]


def _rule_of_month(rules: list[Rule], month: int, rng: random.Random) -> Rule:
    """One entry per household and month, within every rule's limit: 孝老爱亲 once a quarter
    (three months apart are never in one quarter), now and then a deduction, else work or a
    tidy yard (both at most monthly)."""
    by_name = {r.name: r for r in rules}
    if month % 3 == 0:
        return by_name["孝老爱亲"]
    if month % 5 == 4:
        return by_name["乱堆乱放"]
    return by_name[rng.choice(("参加义务劳动", "庭院整洁美丽"))]


def _households(villages, per_village: int) -> list[Household]:
    chosen, counts = [], {}
    rows = Household.objects.filter(org__in=villages, status=HouseholdStatus.ACTIVE).order_by("org_id", "number")
    for h in rows.only("pk", "org_id"):
        if counts.get(h.org_id, 0) < per_village:
            counts[h.org_id] = counts.get(h.org_id, 0) + 1
            chosen.append(h)
    return chosen


def _showcase(actor: Actor) -> None:
    """In 迎秀社区: a large entry waiting for the secretary, and a redemption in the shop."""
    account = Account.objects.filter(org__code=SHOWCASE).select_related("household").order_by("-balance").first()
    if account is None:
        return
    big = Rule.objects.get(org__code=SHOWCASE, name="移风易俗简办红白事")
    services.enter_points(actor, account.household, big, day=today(), note="儿子婚礼简办，不收礼金")
    goods = Goods.objects.filter(org__code=SHOWCASE).order_by("price").first()
    services.redeem(actor, account.household, goods)
    _categories(actor, account.org)


CATEGORIES = (
    ("示范户", "遵纪守法、孝老爱亲、积分排名前列"),
    ("合格户", "遵守村规民约、按时参与公益活动"),
    ("整改户", "有乱堆乱放、不赡养老人等问题，限期整改"),
)


def _categories(actor: Actor, village: Org) -> None:
    """孟州市's three categories, and the showcase village's confirmed rating by points rank:
    the top fifth 示范户, the bottom tenth 整改户, the rest 合格户 — under publicity."""
    county = Org.objects.get(code=MENGZHOU)
    categories = [
        ratings.add_category(actor, county, name=n, rank=r, criteria=c) for r, (n, c) in enumerate(CATEGORIES, start=1)
    ]
    rating = ratings.start_rating(actor, village, f"{today().year}年")
    accounts = list(Account.objects.filter(org=village).select_related("household").order_by("-balance"))
    for i, account in enumerate(accounts):
        tier = 0 if i < len(accounts) / 5 else 2 if i >= len(accounts) * 0.9 else 1
        ratings.rate(
            actor, rating, household=account.household, category=categories[tier], reason=f"积分 {account.balance} 分"
        )
    ratings.submit_rating(actor, rating)
    ratings.confirm_rating(actor, rating, publicity_until=today() + timedelta(days=7))
