"""Demo data for 孟州市's work rhythm: a year of weekly bulletins (52 Mondays back from this
week, generated from the current data with their weeks set back), twelve monthly dispatch
meetings with attendance and decisions (the older ones done), and the leaders' duties with a
year of occurrences (the department head's last month missing, so one is red). Built in this
process rather than queued. Idempotent: skipped when 孟州市 has any bulletin."""

from datetime import date, timedelta

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.core.scope import prefix_q
from lianxin.orgs.models import Org
from lianxin.rhythm import dispatch, duties, observation, services, tasks
from lianxin.rhythm.figures import week_of
from lianxin.rhythm.models import Bulletin, Frequency, SiteScore

MENGZHOU = "410883"
WEEKS, MONTHS = 52, 12
DECISIONS = ["补齐党员联户台账", "整改逾期创建措施", "完成村级自评并报乡镇确认", "推进群众诉求按期办结"]


def load():
    county = Org.objects.filter(code=MENGZHOU).first()
    if county is None or Bulletin.objects.filter(org=county).exists():
        return None
    actor = Actor.system("demo")
    today = timezone.localdate()
    _duties(actor, county, today)
    _meetings(actor, county, today)
    _tours(actor, county, today)
    latest, _sunday = week_of(today)
    for weeks_back in range(WEEKS - 1, -1, -1):
        bulletin = services.request_bulletin(actor, county, latest - timedelta(weeks=weeks_back))
        bulletin.refresh_from_db()
        if bulletin.unfinished:  # no worker in load_demo (tasks not run inline): build here
            tasks.build(bulletin)
    return {"bulletins": WEEKS, "meetings": MONTHS, "tours": 4}


def _month(today: date, back: int) -> date:
    month, year = today.month - back, today.year
    while month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 20)


def _meetings(actor, county, today) -> None:
    for back in range(MONTHS - 1, -1, -1):
        day = _month(today, back)
        meeting = dispatch.create_meeting(
            actor, county, day=day, title=f"{day.month}月五星支部创建工作月调度会", chair="组织部部长"
        )
        units = list(meeting.units.select_related("org"))
        marks = {u.pk: {"attended", "head_attended", "reported"} for i, u in enumerate(units) if i % 5}
        dispatch.record_attendance(actor, meeting, marks)
        for i, text in enumerate(DECISIONS):
            owner = units[(back * 3 + i) % len(units)].org
            decision = dispatch.add_decision(actor, meeting, text=text, owner=owner, deadline=day + timedelta(days=25))
            if back > 1:
                dispatch.close_decision(actor, decision, note="已按要求完成")


def _duties(actor, county, today) -> None:
    specs = [
        ("专题研究五星支部创建工作", "市委书记", Frequency.QUARTERLY, 3),
        ("召开五星支部创建专题会议", "组织部部长", Frequency.MONTHLY, 1),
        ("工作专班联席会议", "各工作专班", Frequency.MONTHLY, 1),
    ]
    for title, holder, frequency, step in specs:
        duty = duties.add_duty(actor, county, title=title, holder=holder, frequency=frequency)
        skip = 2 if holder == "组织部部长" else 0  # the last two months missed: red
        for back in range(skip, MONTHS, step):
            duties.record_occurrence(actor, duty, day=_month(today, back) - timedelta(days=10), note=title)


def _tours(actor, county, today) -> None:
    """Four quarterly tours of five villages each (one per township in turn), scored by the
    county's office and township users where the demo has them; written directly, since the
    phone page closes a day after a tour and these tours are in the past."""
    from lianxin.accounts.models import RoleAssignment
    from lianxin.orgs.choices import GRASSROOTS_KINDS

    villages = list(Org.objects.filter(prefix_q(MENGZHOU), kind__in=GRASSROOTS_KINDS).order_by("code"))
    scorers = [
        a.user
        for a in RoleAssignment.objects.filter(
            prefix_q(MENGZHOU, "org__code"), role__in=("office", "township")
        ).select_related("user")[:6]
    ]
    for quarter in range(4):
        day = _month(today, 3 * (3 - quarter))
        sites = [v.code for v in villages[quarter * 20 :: 57][:5]]
        tour = observation.plan_tour(
            actor, county, day=day, title=f"第{quarter + 1}季度五星支部创建观摩", site_codes=sites
        )
        for i, site in enumerate(tour.sites.all()):
            for j, user in enumerate(scorers):
                SiteScore.objects.create(site=site, scorer=user, score=70 + (i * 7 + j * 3) % 28, remark="亮点突出")
