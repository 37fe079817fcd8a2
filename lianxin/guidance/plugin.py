"""Cadres' areas and guidance (干部包片、包乡联村、督导): the county's organisation cadres are
paired with townships and branches, visit them, and open findings that the township rectifies
and the cadres confirm; weak branches (软弱涣散) are listed for rectification until delisted.

- view: every business role reads the areas, findings and weak branches within its scope.
- guide: the county office (its organisation cadres) keeps the cadres' areas, records guidance
  visits and findings, confirms or returns rectifications, lists and delists weak branches.
- rectify: the township secretary reports a finding rectified.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem
from lianxin.registers.plugin import LIAISON


class Action:
    GUIDANCE_VIEW = "guidance.view"
    GUIDANCE_GUIDE = "guidance.guide"
    GUIDANCE_RECTIFY = "guidance.rectify"


PLUGIN = AppPlugin(
    actions={
        Action.GUIDANCE_VIEW: BUSINESS_ROLES,
        Action.GUIDANCE_GUIDE: frozenset({Role.OFFICE}),
        Action.GUIDANCE_RECTIFY: frozenset({Role.TOWNSHIP}),
    },
    nav=(NavItem(_("干部包片"), "guidance:assignment_list", "person-badge", Action.GUIDANCE_VIEW, LIAISON),),
    audit_labels={
        "guidance.area.assign": Label("干部包片", "Assign area"),
        "guidance.area.remove": Label("取消包片", "Remove area assignment"),
        "guidance.visit.create": Label("记录指导", "Record guidance visit"),
        "guidance.finding.open": Label("提出问题", "Open finding"),
        "guidance.finding.rectify": Label("问题整改", "Report finding rectified"),
        "guidance.finding.confirm": Label("确认整改", "Confirm rectification"),
        "guidance.finding.return": Label("退回整改", "Return rectification"),
        "guidance.weak_branch.list": Label("列为软弱涣散支部", "List weak branch"),
        "guidance.weak_branch.delist": Label("软弱涣散支部销号", "Delist weak branch"),
    },
    demo="lianxin.guidance.demo.load",
    test_cases="lianxin.guidance.tests.cases",
    api="lianxin.guidance.api",
)
