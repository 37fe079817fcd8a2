"""Village civic life: disputes and the three zeros (平安法治), volunteer service.

- view: every business role reads disputes, the three-zero statistics and volunteer service
  within its scope.
- mediate: the village (and the township) takes in disputes, records sessions, closes them,
  reports the month's three zeros and escalates a dispute into a 连心 matter.
- volunteer: the village keeps its volunteers, teams and activities and signs volunteers in,
  and runs model-person selections (nominations, votes, publicity, results).
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import VILLAGE_LIFE, AppPlugin, Label, NavItem


class Action:
    CIVIC_VIEW = "civic.view"
    CIVIC_MEDIATE = "civic.mediate"
    CIVIC_VOLUNTEER = "civic.volunteer"


VILLAGE_AND_TOWNSHIP = frozenset({Role.VILLAGE, Role.TOWNSHIP})

PLUGIN = AppPlugin(
    actions={
        Action.CIVIC_VIEW: BUSINESS_ROLES,
        Action.CIVIC_MEDIATE: VILLAGE_AND_TOWNSHIP,
        Action.CIVIC_VOLUNTEER: VILLAGE_AND_TOWNSHIP,
    },
    nav=(
        NavItem(_("矛盾纠纷"), "civic:dispute_list", "people", Action.CIVIC_VIEW, VILLAGE_LIFE),
        NavItem(_("三零创建"), "civic:zero_list", "shield-check", Action.CIVIC_VIEW, VILLAGE_LIFE),
        NavItem(_("志愿服务"), "civic:volunteer_list", "heart", Action.CIVIC_VIEW, VILLAGE_LIFE),
        NavItem(_("先进评选"), "civic:campaign_list", "award", Action.CIVIC_VIEW, VILLAGE_LIFE),
    ),
    audit_labels={
        "civic.dispute.create": Label("受理矛盾纠纷", "Take in dispute"),
        "civic.dispute.session": Label("记录调解或心理疏导", "Record mediation or counselling session"),
        "civic.dispute.close": Label("纠纷办结", "Close dispute"),
        "civic.dispute.agreement": Label("上传调解协议", "Upload mediation agreement"),
        "civic.dispute.escalate": Label("纠纷转连心事项", "Escalate dispute into a liaison matter"),
        "civic.zero.report": Label("填报三零月报", "Report the month's three zeros"),
        "civic.team.create": Label("新建志愿服务队", "Add volunteer team"),
        "civic.volunteer.create": Label("登记志愿者", "Register volunteer"),
        "civic.activity.create": Label("记录志愿服务活动", "Record volunteer activity"),
        "civic.volunteer.sign_in": Label("志愿服务签到", "Volunteer sign-in"),
        "civic.volunteer.arrive": Label("志愿者到场签到", "Volunteer arrives (phone sign-in)"),
        "civic.campaign.create": Label("发起先进人物评选", "Start model-person selection"),
        "civic.campaign.nominate": Label("推荐评选人选", "Nominate"),
        "civic.campaign.open_voting": Label("评选开始投票", "Open voting"),
        "civic.campaign.vote": Label("评选投票", "Vote"),
        "civic.campaign.publicise": Label("评选结果公示", "Publicise selection results"),
        "civic.campaign.objection": Label("评选异议", "Objection to selection"),
        "civic.campaign.close": Label("评选结束", "Close selection"),
    },
    depends_on=("liaison",),
    public_routes={
        "civic:public_selection": "a model-person selection's candidates and, once the vote closed, its results; "
        "names masked",
    },
    demo="lianxin.civic.demo.load",
    test_cases="lianxin.civic.tests.cases",
    api="lianxin.civic.api",
    workbench="lianxin.civic.workbench.cards",
    indicators={
        "civic.three_zero_months": "lianxin.civic.indicators.THREE_ZERO_MONTHS",
        "civic.resolved_in_village": "lianxin.civic.indicators.RESOLVED_IN_VILLAGE",
        "civic.volunteer_hours": "lianxin.civic.indicators.VOLUNTEER_HOURS",
    },
)
