"""The per-village summary rows the live board reads (architecture §5), and with them the
county's rollup (liaison/rollups.py): kept current by the services in the same transaction as
each change — liaison's own, and the registers' through their `roll_changed` signal — and
rebuilt with grouped queries after bulk loads."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from lianxin.core.changes import today
from lianxin.core.scope import prefix_q
from lianxin.liaison.choices import MatterStatus, Satisfaction
from lianxin.liaison.models import Matter, VillageLiaison, Visit, VisitDay
from lianxin.liaison.rollups import add_visits, refresh_county
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers.models import Household, HouseholdLink, PartyMember

# The household's answer in the township's return visit (回访), per closed matter.
_SATISFACTION = {
    "satisfied": Count("pk", filter=Q(return_visit__satisfaction=Satisfaction.SATISFIED)),
    "basic": Count("pk", filter=Q(return_visit__satisfaction=Satisfaction.BASIC)),
    "unsatisfied": Count("pk", filter=Q(return_visit__satisfaction=Satisfaction.UNSATISFIED)),
}


def refresh_village(village: Org) -> VillageLiaison:
    """Recount one village's summary row (a few hundred rows at most)."""
    closed = Matter.objects.filter(org=village, status=MatterStatus.CLOSED)
    stats = closed.aggregate(n=Count("pk"), **_SATISFACTION)
    days = sum((c - r) / timedelta(days=1) for r, c in closed.values_list("reported_at", "closed_at"))
    values = {
        "code": village.code,
        "households": Household.objects.filter(org=village).count(),
        "linked_households": HouseholdLink.objects.filter(org=village).count(),
        "members": PartyMember.objects.filter(org=village).count(),
        "matters_closed": stats["n"],
        "close_days_total": days,
        "satisfied": stats["satisfied"],
        "basic": stats["basic"],
        "unsatisfied": stats["unsatisfied"],
    }
    summary, _created = VillageLiaison.objects.update_or_create(org=village, defaults=values)
    refresh_county(village)
    return summary


def on_roll_changed(sender, village: Org, **kwargs) -> None:
    """The registers' households, members or links of `village` changed (registers.signals)."""
    refresh_village(village)


def _counts(model, prefix: str) -> dict[int, int]:
    return dict(
        model.objects.filter(prefix_q(prefix, "org__code"))
        .values("org_id")
        .annotate(n=Count("pk"))
        .values_list("org_id", "n")
    )


def _closed_days(prefix: str) -> dict[int, float]:
    days: dict[int, float] = {}
    for org_id, reported, closed_at in (
        Matter.objects.filter(prefix_q(prefix, "org__code"), status=MatterStatus.CLOSED)
        .values_list("org_id", "reported_at", "closed_at")
        .iterator(chunk_size=5000)
    ):
        days[org_id] = days.get(org_id, 0.0) + (closed_at - reported) / timedelta(days=1)
    return days


def rebuild_summaries(prefix: str) -> int:
    """Recompute every summary row under a code prefix with grouped queries (after bulk loads)."""
    villages = list(Org.objects.filter(prefix_q(prefix), kind__in=GRASSROOTS_KINDS).values_list("pk", "code"))
    households, links, members = (
        _counts(Household, prefix),
        _counts(HouseholdLink, prefix),
        _counts(PartyMember, prefix),
    )
    closed = {
        row["org_id"]: row
        for row in Matter.objects.filter(prefix_q(prefix, "org__code"), status=MatterStatus.CLOSED)
        .values("org_id")
        .annotate(n=Count("pk"), **_SATISFACTION)
    }
    days = _closed_days(prefix)
    with transaction.atomic():
        VillageLiaison.objects.filter(prefix_q(prefix, "code")).delete()
        rows = []
        for pk, code in villages:
            c = closed.get(pk, {})
            rows.append(
                VillageLiaison(
                    org_id=pk,
                    code=code,
                    households=households.get(pk, 0),
                    linked_households=links.get(pk, 0),
                    members=members.get(pk, 0),
                    matters_closed=c.get("n", 0),
                    close_days_total=days.get(pk, 0.0),
                    satisfied=c.get("satisfied", 0),
                    basic=c.get("basic", 0),
                    unsatisfied=c.get("unsatisfied", 0),
                )
            )
        VillageLiaison.objects.bulk_create(rows, batch_size=2000)
        VisitDay.objects.filter(prefix_q(prefix, "code")).delete()
        days_rows = (
            Visit.objects.filter(prefix_q(prefix, "org__code"))
            .values("org_id", "org__code", "date")
            .annotate(n=Count("pk"))
            .order_by()
        )
        VisitDay.objects.bulk_create(
            (
                VisitDay(org_id=r["org_id"], code=r["org__code"], date=r["date"], visits=r["n"])
                for r in days_rows.iterator()
            ),
            batch_size=5000,
        )
        refresh_county(Org.objects.get(code=prefix))
    return len(rows)


def count_visit(village: Org, day: date, n: int = 1) -> None:
    # Most visits land on a day the village already has a row for: one UPDATE then.
    days = VisitDay.objects.filter(org=village, date=day)
    if not days.update(visits=F("visits") + n):
        defaults = {"code": village.code, "visits": n}
        _row, created = VisitDay.objects.get_or_create(org=village, date=day, defaults=defaults)
        if not created:  # another visit made the row in between
            days.update(visits=F("visits") + n)
    add_visits(village, day, n)


def totals_for_village(village: Org) -> dict:
    """Handy for the village page: the summary row, or zeros."""
    row = VillageLiaison.objects.filter(org=village).first()
    return {
        "households": row.households if row else 0,
        "linked": row.linked_households if row else 0,
        "members": row.members if row else 0,
        "visits_30": VisitDay.objects.filter(org=village, date__gte=today() - timedelta(days=29)).aggregate(
            n=Sum("visits")
        )["n"]
        or 0,
    }
