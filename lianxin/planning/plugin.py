"""Creation plans, the ledger and the battle map (创星规划、台账、挂图作战)."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem
from lianxin.standards.plugin import CREATION


class Action:
    PLANS_VIEW = "planning.view"
    PLANS_EDIT = "planning.edit"  # village: its own plan, measures, ledger, self-assessment
    PLANS_REVIEW = "planning.review"  # township: accept/return plans, confirm self-assessments, declare
    PLANS_RULES = "planning.rules"  # office: the county's declaration rule


PLUGIN = AppPlugin(
    actions={
        Action.PLANS_VIEW: BUSINESS_ROLES,
        Action.PLANS_EDIT: frozenset({Role.VILLAGE}),
        Action.PLANS_REVIEW: frozenset({Role.TOWNSHIP}),
        Action.PLANS_RULES: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("挂图作战"), "planning:board_home", "grid-3x3-gap", Action.PLANS_VIEW, CREATION),
        NavItem(_("创星规划"), "planning:plan_list", "journal-check", Action.PLANS_VIEW, CREATION),
        NavItem(_("乡镇申报"), "planning:declarations", "flag", Action.PLANS_VIEW, CREATION),
    ),
    audit_labels={
        "planning.plan.create": Label("新建创星规划", "Create creation plan"),
        "planning.plan.submit": Label("提交创星规划", "Submit creation plan"),
        "planning.plan.accept": Label("通过创星规划", "Accept creation plan"),
        "planning.plan.return": Label("退回创星规划", "Return creation plan"),
        "planning.star.update": Label("修改星级规划", "Edit star plan"),
        "planning.measure.create": Label("新增措施", "Add measure"),
        "planning.measure.save": Label("修改措施", "Edit measure"),
        "planning.measure.delete": Label("删除措施", "Delete measure"),
        "planning.report.create": Label("记录进展", "Record progress"),
        "planning.assessment.save": Label("自评", "Self-assessment"),
        "planning.assessment.review": Label("确认自评", "Confirm self-assessment"),
        "planning.rule.save": Label("设定申报规则", "Set declaration rule"),
        "planning.declaration.save": Label("乡镇申报", "Township declaration"),
        "planning.binder.export": Label("导出验收档案", "Export acceptance binder"),
        "planning.demo.load": Label("载入演示规划", "Load demo plans"),
    },
    demo="lianxin.planning.demo.load",
    depends_on=("standards",),
    rollups=("lianxin.planning.rollups.BOARD",),
    test_cases="lianxin.planning.tests.cases",
    api="lianxin.planning.api",
    workbench="lianxin.planning.workbench.cards",
)
