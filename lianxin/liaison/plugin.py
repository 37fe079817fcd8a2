"""党群连心 (村报告、乡处理、县办结): members' visits to households, matters, consultations and
the live board, over the registers (households, members) and guidance (findings on the board).

- view: every business role reads visits, matters, consultations and the board in its scope.
- visit: a party member (and the village, township clerks) logs household visits; what a
  household raises becomes a matter reported at village level.
- edit: village and township report matters and keep consultations; a township for all its
  villages.
- escalate: moves a matter up one level; the actor must hold it at the level the matter is at.
- handle: closes a matter at the level it is at: the village at village level, the township
  up to township level, the county office at any level.
- assign: the county office hands a county-level matter to a responsible unit (责任单位).
- unit: a responsible unit's users see and close the matters handed to their unit, and no
  other liaison data (a unit's scope is its county's; the services narrow it to its matters).
- return_visit: the township asks the household of a closed matter whether it is satisfied
  (回访); the board's satisfaction figures count these answers.
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
    LIAISON_ASSIGN = "liaison.assign"
    LIAISON_UNIT = "liaison.unit"
    LIAISON_RETURN_VISIT = "liaison.return_visit"


PLUGIN = AppPlugin(
    actions={
        Action.LIAISON_VIEW: BUSINESS_ROLES - {Role.UNIT},
        Action.LIAISON_VISIT: frozenset({Role.TOWNSHIP, Role.VILLAGE, Role.MEMBER}),
        Action.LIAISON_EDIT: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_ESCALATE: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_HANDLE: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_ASSIGN: frozenset({Role.OFFICE}),
        Action.LIAISON_UNIT: frozenset({Role.UNIT}),
        Action.LIAISON_RETURN_VISIT: frozenset({Role.TOWNSHIP}),
    },
    nav=(
        NavItem(_("连心看板"), "liaison:board_home", "heart-pulse", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("记走访"), "liaison:visit_create", "pencil-square", Action.LIAISON_VISIT, LIAISON),
        NavItem(_("诉求事项"), "liaison:matter_list", "chat-square-text", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("交办事项"), "liaison:unit_matters", "inboxes", Action.LIAISON_UNIT, LIAISON),
        NavItem(_("支部会商"), "liaison:consultation_list", "people-fill", Action.LIAISON_VIEW, LIAISON),
    ),
    audit_labels={
        "liaison.visit.create": Label("记录走访", "Log visit"),
        "liaison.matter.report": Label("上报诉求事项", "Report matter"),
        "liaison.matter.escalate": Label("诉求事项上交", "Escalate matter"),
        "liaison.matter.close": Label("诉求事项办结", "Close matter"),
        "liaison.matter.assign": Label("诉求事项交办责任单位", "Hand matter to responsible unit"),
        "liaison.return_visit.create": Label("记录诉求事项回访", "Record return visit"),
        "liaison.consultation.create": Label("记录支部会商", "Record consultation"),
        "liaison.follow_up.complete": Label("完成会商跟进", "Complete follow-up"),
        "liaison.demo.load": Label("载入演示连心数据", "Load demo liaison data"),
    },
    demo="lianxin.liaison.demo.load",
    depends_on=("guidance",),
    test_cases="lianxin.liaison.tests.cases",
    api="lianxin.liaison.api",
    workbench="lianxin.liaison.workbench.cards",
    rollups=("lianxin.liaison.rollups.LIAISON",),
    indicators={
        "liaison.link_coverage": "lianxin.liaison.indicators.LINK_COVERAGE",
        "liaison.visits_per_household": "lianxin.liaison.indicators.VISITS_PER_HOUSEHOLD",
        "liaison.matters_in_time": "lianxin.liaison.indicators.MATTERS_IN_TIME",
        "liaison.satisfaction": "lianxin.liaison.indicators.SATISFACTION",
    },
)
