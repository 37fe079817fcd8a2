"""Branch life records (三会一课 and 主题党日 纪实).

- view: every business role reads the meetings and attendance rates within its scope.
- record: the village branch (and the township for its villages) records its meetings.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    BRANCHLIFE_VIEW = "branchlife.view"
    BRANCHLIFE_RECORD = "branchlife.record"


BRANCH_LIFE = Section(_("支部建设"), 44)

PLUGIN = AppPlugin(
    actions={
        Action.BRANCHLIFE_VIEW: BUSINESS_ROLES,
        Action.BRANCHLIFE_RECORD: frozenset({Role.VILLAGE, Role.TOWNSHIP}),
    },
    nav=(
        NavItem(_("三会一课纪实"), "branchlife:meeting_list", "journal-bookmark", Action.BRANCHLIFE_VIEW, BRANCH_LIFE),
    ),
    audit_labels={
        "branchlife.meeting.create": Label("记录组织生活", "Record branch meeting"),
        "branchlife.demo.load": Label("载入演示组织生活", "Load demo branch meetings"),
    },
    demo="lianxin.branchlife.demo.load",
    test_cases="lianxin.branchlife.tests.cases",
    api="lianxin.branchlife.api",
    workbench="lianxin.branchlife.workbench.cards",
    indicators={
        "branchlife.meetings_held": "lianxin.branchlife.indicators.MEETINGS_HELD",
        "branchlife.theme_day_months": "lianxin.branchlife.indicators.THEME_DAY_MONTHS",
        "branchlife.attendance": "lianxin.branchlife.indicators.ATTENDANCE",
    },
)
