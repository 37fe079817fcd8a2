"""Demo branch life for 孟州市: twelve months of 三会一课 and 主题党日 in the demo villages that
have members, recorded through the services (each with its attendance and absentees' reasons).
Idempotent: a village with meetings is left as it is."""

from datetime import timedelta

from lianxin.audit.services import Actor
from lianxin.branchlife import services
from lianxin.branchlife.choices import MeetingKind
from lianxin.branchlife.models import Meeting
from lianxin.core.changes import today
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers.models import PartyMember

MENGZHOU = "410883"
VILLAGES = 6  # recorded through the services, with audit: a few villages keep the demo quick
REASONS = ("外出务工", "生病住院", "照顾老人")


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("load_demo")
    villages = Org.objects.filter(prefix_q(MENGZHOU, "code"), kind__in=GRASSROOTS_KINDS).order_by("code")
    done = 0
    for village in villages.filter(pk__in=PartyMember.objects.values("org_id"))[:VILLAGES]:
        if not Meeting.objects.filter(org=village).exists():
            _year_of_meetings(actor, village)
            done += 1
    return {"villages": done}


def _year_of_meetings(actor: Actor, village: Org) -> None:
    members = list(PartyMember.objects.filter(org=village).order_by("name"))
    first = today().replace(day=1)
    for back in range(12):
        month = (first - timedelta(days=31 * back)).replace(day=1)
        kinds = [MeetingKind.THEME_DAY, MeetingKind.COMMITTEE]
        if month.month % 3 == 0:
            kinds += [MeetingKind.ASSEMBLY, MeetingKind.LECTURE]
        for n, kind in enumerate(kinds):
            absent = {m: REASONS[(back + i) % 3] for i, m in enumerate(members[back % 3 :: 7])}
            services.record_meeting(
                actor,
                village,
                kind=kind,
                day=min(month.replace(day=5 + 3 * n), today()),
                topic=f"{month.month}月{MeetingKind(kind).label}：学习贯彻党的创新理论",
                minutes="传达上级精神，研究本月重点工作。",
                present=[m for m in members if m not in absent],
                absent=absent,
            )
