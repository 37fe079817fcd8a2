"""What the work rhythm puts on a workbench: a unit flagged red in the latest bulletin of its
county (or city) sees it, and the office sees how many of its units are red; the owners of
meeting decisions see those still open (past the deadline in red); the office sees its leaders'
duties not done in their period. Three queries."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.plugins import Card
from lianxin.rhythm import duties
from lianxin.rhythm.choices import BulletinStatus
from lianxin.rhythm.models import Bulletin, Decision, LeaderDuty
from lianxin.rhythm.plugin import Action


def cards(user, today) -> list[Card]:
    if not user.can(Action.RHYTHM_VIEW):
        return []
    return _bulletin(user) + _decisions(user, today) + _duties(user, today)


def _duties(user, today) -> list[Card]:
    """The office: its leaders' duties not done in their last full period (red)."""
    if not user.can(Action.RHYTHM_MANAGE):
        return []
    found = duties.states(LeaderDuty.objects.restrict(user, Action.RHYTHM_MANAGE), today)
    missed = [s["duty"] for s in found if s["state"] == duties.MISSED]
    detail = "、".join(str(d) for d in missed[:3])
    tone = "danger" if missed else "info"
    return [Card(_("领导责任未落实"), len(missed), reverse("rhythm:duty_list"), tone, detail, _("领导责任"))]


def _decisions(user, today) -> list[Card]:
    if not user.can(Action.RHYTHM_REPORT):
        return []
    open_ = Decision.objects.restrict(user, Action.RHYTHM_REPORT).filter(done_at__isnull=True)
    counts = open_.aggregate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=today)))
    url = reverse("rhythm:decision_list")
    tone = "danger" if counts["late"] else ("warn" if counts["n"] else "info")
    detail = _("%(n)d 项已超期") % {"n": counts["late"]} if counts["late"] else ""
    return [Card(_("待办议定事项"), counts["n"], f"{url}?state=open", tone, detail, _("月调度"))]


def _bulletin(user) -> list[Card]:
    latest = (
        Bulletin.objects.restrict(user, Action.RHYTHM_VIEW)
        .filter(status=BulletinStatus.DONE)
        .select_related("org")
        .order_by("-week_start", "org__code")
        .first()
    )
    if latest is None:
        return []
    mine = user.scope_prefixes(Action.RHYTHM_VIEW)
    own = [code for code in latest.red_codes if any(code.startswith(p) for p in mine)]
    if latest.org.code in mine:  # the office that publishes it: every red unit
        own = latest.red_codes
    tone = "danger" if own else "info"
    names = "、".join(u["name"] for u in latest.figures.get("units", []) if u["code"] in own)
    return [
        Card(
            _("周通报亮红灯"), len(own), latest.get_absolute_url(), tone, f"{latest.title} {names}".strip(), _("周通报")
        )
    ]
