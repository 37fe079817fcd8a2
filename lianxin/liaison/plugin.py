"""党群连心 (村报告、乡处理、县办结).

- visit: a party member (and the village, township clerks) logs household visits; what a
  household raises becomes a matter reported at village level.
- edit: village and township keep the registers: households, members, links, consultations,
  Excel imports; a township edits for all its villages.
- escalate: moves a matter up one level; the actor must hold it at the level the matter is at.
- handle: closes a matter, with the household's satisfaction, at the level it is at: the
  village at village level, the township up to township level, the county office at any level.
- rectify: the township secretary reports a cadre's finding rectified.
- guide: the county office (its organisation cadres) keeps cadres and their areas (包乡联村),
  records guidance visits and findings, confirms or returns rectifications, lists and
  delists weak branches.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    LIAISON_VIEW = "liaison.view"
    LIAISON_VISIT = "liaison.visit"
    LIAISON_EDIT = "liaison.edit"
    LIAISON_ESCALATE = "liaison.escalate"
    LIAISON_HANDLE = "liaison.handle"
    LIAISON_RECTIFY = "liaison.rectify"
    LIAISON_GUIDE = "liaison.guide"


LIAISON = Section(_("党群连心"), 40)

PLUGIN = AppPlugin(
    actions={
        Action.LIAISON_VIEW: BUSINESS_ROLES,
        Action.LIAISON_VISIT: frozenset({Role.TOWNSHIP, Role.VILLAGE, Role.MEMBER}),
        Action.LIAISON_EDIT: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_ESCALATE: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_HANDLE: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.VILLAGE}),
        Action.LIAISON_RECTIFY: frozenset({Role.TOWNSHIP}),
        Action.LIAISON_GUIDE: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("连心看板"), "liaison:board_home", "heart-pulse", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("记走访"), "liaison:visit_create", "pencil-square", Action.LIAISON_VISIT, LIAISON),
        NavItem(_("农户与党员"), "liaison:household_list", "house-heart", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("诉求事项"), "liaison:matter_list", "chat-square-text", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("干部包片"), "liaison:assignment_list", "person-badge", Action.LIAISON_VIEW, LIAISON),
        NavItem(_("支部会商"), "liaison:consultation_list", "people-fill", Action.LIAISON_VIEW, LIAISON),
    ),
    audit_labels={
        "liaison.household.create": Label("新增农户", "Add household"),
        "liaison.household.update": Label("修改农户", "Edit household"),
        "liaison.household.import": Label("导入农户", "Import households"),
        "liaison.member.create": Label("新增党员", "Add party member"),
        "liaison.member.update": Label("修改党员", "Edit party member"),
        "liaison.member.import": Label("导入党员", "Import party members"),
        "liaison.link.create": Label("党员联系农户", "Link member to household"),
        "liaison.link.delete": Label("解除联系农户", "Unlink household"),
        "liaison.visit.create": Label("记录走访", "Log visit"),
        "liaison.matter.report": Label("上报诉求事项", "Report matter"),
        "liaison.matter.escalate": Label("诉求事项上交", "Escalate matter"),
        "liaison.matter.close": Label("诉求事项办结", "Close matter"),
        "liaison.cadre.create": Label("新增包片干部", "Add cadre"),
        "liaison.area.assign": Label("干部包片", "Assign area"),
        "liaison.area.remove": Label("取消包片", "Remove area assignment"),
        "liaison.guidance.create": Label("记录指导", "Record guidance visit"),
        "liaison.finding.open": Label("提出问题", "Open finding"),
        "liaison.finding.rectify": Label("问题整改", "Report finding rectified"),
        "liaison.finding.confirm": Label("确认整改", "Confirm rectification"),
        "liaison.finding.return": Label("退回整改", "Return rectification"),
        "liaison.weak_branch.list": Label("列为软弱涣散支部", "List weak branch"),
        "liaison.weak_branch.delist": Label("软弱涣散支部销号", "Delist weak branch"),
        "liaison.consultation.create": Label("记录支部会商", "Record consultation"),
        "liaison.follow_up.complete": Label("完成会商跟进", "Complete follow-up"),
        "liaison.demo.load": Label("载入演示连心数据", "Load demo liaison data"),
    },
    demo="lianxin.liaison.demo.load",
    test_cases="lianxin.liaison.tests.cases",
    api="lianxin.liaison.api",
)
