"""The key-matters list's panel on a village's battle map (挂图作战, issue 12): the open matters
on the village's township's list that name this village — what the township is pushing there
now, by when, and whether it is overdue — linking to the matter list filtered to the same rows.
One query. Open matters are today's list whatever the board's year (a matter has no year)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lianxin.core.panels import Column, Panel, Row
from lianxin.core.permissions import can_at
from lianxin.keymatters.choices import MatterStatus
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.plugin import Action
from lianxin.orgs.choices import OrgLevel


def township_matters(user, village, year: int) -> Panel | None:
    """None when `user` may not read the township's list (a village's own people may not)."""
    township = village.ancestor_code(OrgLevel.TOWNSHIP)
    if not can_at(user, Action.KEYMATTERS_VIEW, township):
        return None
    today = timezone.localdate()
    matters = (
        KeyMatter.objects.restrict(user, Action.KEYMATTERS_VIEW)
        .filter(org__code=township, status=MatterStatus.OPEN, villages=village)
        .order_by("deadline", "id")
    )
    rows = tuple(
        Row(
            (m.title, m.get_star_display() or "—", m.owner, m.deadline, _state(m, today)),
            m.get_absolute_url(),
        )
        for m in matters
    )
    query = urlencode({"unit": township, "village": village.code, "status": MatterStatus.OPEN})
    return Panel(
        title=_("乡镇（街道）涉及本村的在办重点事项"),
        columns=(
            Column(_("事项")),
            Column(_("服务星"), on_phones=False),
            Column(_("责任人"), on_phones=False),
            Column(_("完成时限"), numeric=True),
            Column(_("状态")),
        ),
        rows=rows,
        url=f"{reverse('keymatters:matter_list')}?{query}",
        link_text=_("查看这些事项"),
        empty=_("乡镇（街道）的重点事项清单上没有涉及本村的在办事项。"),
    )


def _state(matter: KeyMatter, today) -> str:
    return _("已超期") if matter.is_overdue_on(today) else matter.get_status_display()
