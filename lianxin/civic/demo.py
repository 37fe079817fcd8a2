"""Demo civic life for 孟州市: a year of three-zero reports in every village (a few months with
a petition or an incident), disputes in the demo villages — most settled in the village, one
escalated into a 连心 matter — and volunteer teams, among them the barber: a party member born
in 1966 who has given free haircuts since 1984. Idempotent."""

from datetime import date, timedelta

from lianxin.audit.services import Actor, record
from lianxin.civic import selection, services, volunteers
from lianxin.civic.choices import DisputeKind, Outcome, ServiceKind
from lianxin.civic.models import Dispute, ZeroReport
from lianxin.core.changes import today
from lianxin.core.scope import prefix_q
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.services import create_member

MENGZHOU = "410883"
SHOWCASE = "410883001002"  # 迎秀社区
TODAY_VISIT = "今日探访独居老人"


def months() -> list[date]:
    first = today().replace(day=1)
    return [(first - timedelta(days=31 * back)).replace(day=1) for back in range(12, 0, -1)]


def generate(prefix: str) -> int:
    """A year of monthly reports for every village under `prefix`, in bulk: every 17th
    village-month has a petition, every 41st an incident."""
    if ZeroReport.objects.filter(prefix_q(prefix, "org__code")).exists():
        return 0
    villages = Org.objects.filter(prefix_q(prefix, "code"), kind__in=GRASSROOTS_KINDS).values_list("pk", flat=True)
    rows = [
        ZeroReport(org_id=v, month=m, petitions=int((i * 12 + j) % 17 == 0), incidents=int((i * 12 + j) % 41 == 0))
        for i, v in enumerate(villages)
        for j, m in enumerate(months())
    ]
    ZeroReport.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def load(actor: Actor | None = None) -> dict:
    actor = actor or Actor.system("load_demo")
    reports = generate(MENGZHOU)
    if reports:
        record(
            actor,
            "civic.zero.report",
            object_type="civic.zeroreport",
            object_repr="孟州市演示三零月报",
            org_code=MENGZHOU,
            after={"reports": reports},
        )
    village = Org.objects.filter(code=SHOWCASE).first()
    if village is None or Dispute.objects.filter(org=village).exists():
        return {"reports": reports}
    _disputes(actor, village)
    _volunteers(actor, village)
    _campaign(actor, village)
    return {"reports": reports, "showcase": SHOWCASE}


def _disputes(actor: Actor, village: Org) -> None:
    households = list(Household.objects.filter(org=village).order_by("number")[:8])
    for n, kind in enumerate((DisputeKind.NEIGHBOUR, DisputeKind.FAMILY, DisputeKind.LAND, DisputeKind.DEBT)):
        dispute = services.take_in(
            actor,
            village,
            kind=kind,
            description="因宅基地边界/赡养老人等问题发生争执",
            mediator="王调解",
            households=households[2 * n : 2 * n + 2],
            parties="" if households[2 * n : 2 * n + 2] else "双方村民",
            counselling=kind == DisputeKind.FAMILY,
            received_on=today() - timedelta(days=20 * (n + 1)),
        )
        services.add_session(actor, dispute, kind="mediation", note="组织双方面对面调解")
        if n < 3:
            services.close(actor, dispute, outcome=Outcome.MEDIATED, result="双方达成调解协议")
    services.escalate(
        actor,
        services.take_in(
            actor, village, kind=DisputeKind.OTHER, description="跨村水利纠纷", mediator="王调解", parties="邻村村民"
        ),
    )


def _volunteers(actor: Actor, village: Org) -> None:
    barbers = volunteers.add_team(actor, village, name="红色理发队", kind=ServiceKind.HAIRCUT)
    elders = volunteers.add_team(actor, village, name="敬老志愿服务队", kind=ServiceKind.ELDERLY)
    barber_member = PartyMember.objects.filter(org=village, name="张师傅").first() or create_member(
        actor, village, name="张师傅", gender="M", birth_date=date(1966, 4, 12), post="党员"
    )
    barber = volunteers.register(
        actor,
        village,
        name="张师傅",
        member=barber_member,
        teams=[barbers],
        skills="理发",
        since=1984,
        prior_hours=42 * 120,
    )
    helpers = [volunteers.register(actor, village, name=n, teams=[elders]) for n in ("李大姐", "赵小伟", "孙阿姨")]
    for back in range(12):
        day = today() - timedelta(days=30 * back + 3)
        volunteers.record_activity(
            actor,
            barbers,
            title="为老人免费理发",
            day=day,
            beneficiaries=25,
            note="村内70岁以上老人",
            hours={barber: 4},
        )
        volunteers.record_activity(
            actor, elders, title="探访独居老人", day=day, beneficiaries=8, hours=dict.fromkeys(helpers, 2)
        )
    # Today's visit, nobody signed in yet: the sign-in sheet to try on a phone.
    volunteers.record_activity(actor, elders, title=TODAY_VISIT, beneficiaries=8)


def _campaign(actor: Actor, village: Org) -> None:
    """This year's 好媳妇 / 好公婆 / 致富能手 selection, voted by households, under publicity."""
    campaign = selection.create_campaign(
        actor,
        village,
        year=today().year,
        title="最美家庭成员评选",
        categories="好媳妇、好公婆、致富能手",
        voting="residents",
    )
    people = (
        ("好媳妇", "刘秀英", "照顾瘫痪婆婆十余年"),
        ("好媳妇", "陈桂兰", "邻里和睦，热心公益"),
        ("好公婆", "王大爷", "善待儿媳，家风淳朴"),
        ("致富能手", "赵建军", "带动20户种植大棚蔬菜"),
    )
    nominations = [selection.nominate(actor, campaign, category=c, name=n, reason=r) for c, n, r in people]
    selection.open_voting(actor, campaign)
    for i, household in enumerate(Household.objects.filter(org=village).order_by("number")[:30]):
        selection.vote(actor, nominations[i % 2], household=household)
        selection.vote(actor, nominations[2 + i % 2], household=household)
    selection.publicise(actor, campaign, until=today() + timedelta(days=7))
