"""What liaison adds to the registers' pages (registers.extensions): on a household's page its
matters and visits (with 记走访 for users who may log one), on a member's page the member's
recent visits; and its own pages in the 党群连心 tab bar."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.permissions import can_at
from lianxin.liaison.plugin import Action
from lianxin.registers.extensions import Panel, Tab, add_panel, add_tabs
from lianxin.registers.models import Household, PartyMember


def household_panel(request, household: Household) -> dict:
    return {
        "village": household.org,
        "visits": household.visits.select_related("member").prefetch_related("photos")[:20],
        "matters": household.matters.all()[:20],
        "can_visit": can_at(request.user, Action.LIAISON_VISIT, household.org.code),
    }


def member_panel(request, member: PartyMember) -> dict:
    return {"visits": member.visits.select_related("household")[:20]}


def register() -> None:
    add_tabs(
        Tab(_("连心看板"), "liaison:board_home", Action.LIAISON_VIEW, 10),
        Tab(_("走访"), "liaison:visit_list", Action.LIAISON_VIEW, 40),
        Tab(_("诉求事项"), "liaison:matter_list", Action.LIAISON_VIEW, 50),
        Tab(_("支部会商"), "liaison:consultation_list", Action.LIAISON_VIEW, 80),
    )
    add_panel(Household, Panel("liaison/_household_panel.html", household_panel))
    add_panel(PartyMember, Panel("liaison/_member_panel.html", member_panel))
