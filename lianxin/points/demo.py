"""Demo points for 孟州市: each demo township's template, every demo village's copy of it, a
shop with donated goods, and a year of points for the village's households. Idempotent: a
village that already has a scheme is left as it is."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError

from lianxin.audit.services import Actor
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org
from lianxin.points import services
from lianxin.points.choices import Period
from lianxin.points.models import Rule, Scheme
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.models import Household

MENGZHOU = "410883"
TEMPLATE = (
    ("参加义务劳动", 2, 4, Period.MONTH),
    ("庭院整洁美丽", 3, 1, Period.MONTH),
    ("孝老爱亲", 5, 1, Period.QUARTER),
    ("移风易俗简办红白事", 10, 1, Period.YEAR),
    ("乱堆乱放", -3, None, Period.MONTH),
)
GOODS = (("洗衣粉", 10, 60), ("食用油", 30, 30), ("大米 10 斤", 50, 20))


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("demo")
    villages = [v for v in Org.objects.filter(prefix_q(MENGZHOU, "code"), kind__in=GRASSROOTS_KINDS) if v.parent_id]
    villages = [v for v in villages if Household.objects.filter(org=v).exists()]
    loaded = 0
    for village in villages:
        if Scheme.objects.filter(org=village).exists():
            continue
        _template(actor, village.parent)
        _village(actor, village)
        loaded += 1
    return {"villages": loaded}


def _template(actor: Actor, township: Org) -> None:
    if township.kind != OrgKind.TOWNSHIP or Rule.objects.filter(org=township).exists():
        return
    for name, points, limit, period in TEMPLATE:
        services.add_rule(actor, township, name=name, points=points, limit=limit, period=period)


def _village(actor: Actor, village: Org) -> None:
    services.copy_template(actor, village, auto_approve_up_to=10)
    rules = list(Rule.objects.filter(org=village).order_by("name"))
    if not rules:
        return
    today = date.today()
    start = today - timedelta(days=360)
    households = Household.objects.filter(org=village, status=HouseholdStatus.ACTIVE).order_by("number")[:40]
    for n, household in enumerate(households):
        for month in range(12):
            day = start + timedelta(days=30 * month + n % 20)
            rule = rules[(n + month) % len(rules)]
            if day <= today and (rule.points > 0 or month % 4 == 0):
                try:
                    services.enter_points(actor, household, rule, day=day, note="演示")
                except ValidationError:  # a rule's limit reached in that period: the demo skips it
                    continue
    for name, price, stock in GOODS:
        goods = services.add_goods(actor, village, name=name, price=price)
        services.donate(actor, goods, quantity=stock, donor="爱心企业捐赠", value=price * stock / 10, day=start)
