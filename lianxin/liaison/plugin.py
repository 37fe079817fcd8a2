"""党群连心 (村报告、乡处理、县办结): members' visits to households, matters, consultations and
the live board, over the registers (households, members) and guidance (findings on the board).

- view: every business role reads visits, matters, consultations and the board in its scope.
- visit: a party member (and the village, township clerks) logs household visits; what a
  household raises becomes a matter reported at village level.
- edit: village and township report matters and keep consultations; a township for all its
  villages.
- escalate: moves a matter up one level; the actor must hold it at the level the matter is at.
- handle: closes a matter, with the household's satisfaction, at the level it is at: the
  village at village level, the township up to township level, the county office at any level.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem
from lianxin.registers.plugin import LIAISON


class Action:
    LIAISON_VIEW = "liaison.view"
    LIAISON_VISIT = "liaison.visit"
    LIAISON_EDIT = "liaison.edit"
    LIAISON_ESCALATE = "liaison.escalate"
    LIAISON_HANDLE = "liaison.handle"


PLUGIN = AppPlugin(
    actions={
        Action.LIAISON_VIEW: BUSINESS_ROLES,
        Action.LIAISON_VISIT: frozenset({Role.TOWNSHIP, Role.VILLAGE, Role.MEMBER}),
        Action.LIAISON_EDIT: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_ESCALATE: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_HANDLE: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.VILLAGE}),
    },
    nav=(
        NavItem(_("连心看板"), "liaison:board_home", "heart-pulse", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("记走访"), "liaison:visit_create", "pencil-square", Action.LIAISON_VISIT, LIAISON),
        NavItem(_("诉求事项"), "liaison:matter_list", "chat-square-text", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("支部会商"), "liaison:consultation_list", "people-fill", Action.LIAISON_VIEW, LIAISON),
    ),
    audit_labels={
        "liaison.visit.create": Label("记录走访", "Log visit"),
        "liaison.matter.report": Label("上报诉求事项", "Report matter"),
        "liaison.matter.escalate": Label("诉求事项上交", "Escalate matter"),
        "liaison.matter.close": Label("诉求事项办结", "Close matter"),
        "liaison.consultation.create": Label("记录支部会商", "Record consultation"),
        "liaison.follow_up.complete": Label("完成会商跟进", "Complete follow-up"),
        "liaison.demo.load": Label("载入演示连心数据", "Load demo liaison data"),
    },
    demo="lianxin.liaison.demo.load",
    depends_on=("guidance",),
    test_cases="lianxin.liaison.tests.cases",
    api="lianxin.liaison.api",
    indicators={
        "liaison.link_coverage": "lianxin.liaison.indicators.LINK_COVERAGE",
        "liaison.visits_per_household": "lianxin.liaison.indicators.VISITS_PER_HOUSEHOLD",
        "liaison.matters_in_time": "lianxin.liaison.indicators.MATTERS_IN_TIME",
        "liaison.satisfaction": "lianxin.liaison.indicators.SATISFACTION",
    },
)
