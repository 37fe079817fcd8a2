"""What the bulletin puts on a workbench: a unit flagged red in the latest bulletin of its county
(or city) sees it, and the office sees how many of its units are red. One query."""

from django.utils.translation import gettext as _

from lianxin.core.plugins import Card
from lianxin.rhythm.choices import BulletinStatus
from lianxin.rhythm.models import Bulletin
from lianxin.rhythm.plugin import Action


def cards(user, today) -> list[Card]:
    if not user.can(Action.RHYTHM_VIEW):
        return []
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
