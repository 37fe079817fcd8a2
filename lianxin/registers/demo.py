"""Demo households, party members and links, written in bulk for the 党群连心 demo and for
`make bench` (liaison.demo.generate draws them from the same random stream as the visits that
follow, so a seed gives the same world), and the names the demo people carry."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from lianxin.accounts.models import User
from lianxin.orgs.models import Org
from lianxin.registers.choices import HouseholdTag
from lianxin.registers.models import Household, HouseholdLink, PartyMember

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国华明红梅丽军伟芳秀英志强桂兰玉兰海燕小平春花国庆利民德胜保国永刚淑珍金凤长青新民振华秋菊晓东"
TAGS = ["", "", "", "", "", HouseholdTag.LOW_INCOME, HouseholdTag.ELDERLY_ALONE, HouseholdTag.OUT_OF_POVERTY]
MENGZHOU = "410883"  # the county the 党群连心 demo covers
DEMO_MEMBER_VILLAGE = "410883001002"  # 迎秀社区, where the demo party member `dangyuan` lives


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


@dataclass
class Rolls:
    """What was written, by village (org pk), for the caller to build on."""

    households: dict[int, list[Household]] = field(default_factory=dict)
    members: dict[int, list[PartyMember]] = field(default_factory=dict)
    links: list[HouseholdLink] = field(default_factory=list)
    member_of: dict[int, PartyMember] = field(default_factory=dict)  # household pk -> its member

    def counts(self) -> dict:
        return {
            "households": sum(len(v) for v in self.households.values()),
            "members": sum(len(v) for v in self.members.values()),
            "links": len(self.links),
        }


def _households(rng: random.Random, village: Org, n: int) -> list[Household]:
    return [
        Household(
            org=village,
            number=f"{i + 1:04d}",
            head_name=person_name(rng),
            size=rng.choice((1, 2, 3, 3, 4, 4, 5, 6)),
            group=f"{rng.randint(1, 8)}组",
            address=f"{village.short_name}{rng.randint(1, 8)}组{rng.randint(1, 99)}号",
            phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            tags=rng.choice(TAGS),
        )
        for i in range(n)
    ]


def _members(rng: random.Random, village: Org, n: int, today: date) -> list[PartyMember]:
    members = []
    for i in range(n):
        age = rng.choice((rng.randint(22, 34), rng.randint(35, 60), rng.randint(60, 85)))
        members.append(
            PartyMember(
                org=village,
                name=person_name(rng) + (str(i) if rng.random() < 0.02 else ""),
                gender=rng.choice("MMMF"),
                birth_date=date(today.year - age, rng.randint(1, 12), rng.randint(1, 28)) + timedelta(days=i % 3),
                joined_on=date(today.year - rng.randint(1, max(2, age - 20)), rng.randint(1, 12), 1),
                post=rng.choice(["党员", "党员", "党员", "支部委员", "村民组长"]),
                mobile=f"15{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
            )
        )
    return members


def generate(
    rng: random.Random,
    villages: list[Org],
    *,
    households_per_village: int,
    members_per_village: int,
    share_linked: Callable[[Org], float],
    today: date,
    batch: int = 5000,
) -> Rolls:
    """Households and members for every village, and links for `share_linked(village)` of each
    village's households, written with bulk_create (no audit: the caller records one event)."""
    rolls = Rolls()
    for village in villages:
        n_h = max(20, int(rng.gauss(households_per_village, households_per_village * 0.25)))
        n_m = max(3, int(n_h * members_per_village / households_per_village))
        rolls.households[village.pk] = _households(rng, village, n_h)
        rolls.members[village.pk] = _members(rng, village, n_m, today)
    with transaction.atomic():
        Household.objects.bulk_create([h for hs in rolls.households.values() for h in hs], batch_size=batch)
        PartyMember.objects.bulk_create([m for ms in rolls.members.values() for m in ms], batch_size=batch)
    for village in villages:
        hs, ms = rolls.households[village.pk], rolls.members[village.pk]
        for i, h in enumerate(hs[: int(len(hs) * share_linked(village))]):
            m = ms[i % len(ms)]
            rolls.links.append(HouseholdLink(org=village, member=m, household=h, linked_on=today - timedelta(days=120)))
            rolls.member_of[h.pk] = m
    HouseholdLink.objects.bulk_create(rolls.links, batch_size=batch)
    return rolls


def link_demo_member() -> None:
    """The demo party member (dangyuan, 迎秀社区) is one of the branch's members."""
    user = User.objects.filter(username="dangyuan").first()
    if user is None or PartyMember.objects.filter(user=user).exists():
        return
    member = PartyMember.objects.filter(org__code=DEMO_MEMBER_VILLAGE, links__isnull=False).order_by("pk").first()
    if member is not None:
        PartyMember.objects.filter(pk=member.pk).update(user=user, name="迎秀党员")
