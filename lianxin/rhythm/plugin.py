"""The work rhythm (周通报、月调度、季观摩): the weekly bulletin of a county or city, every figure
derived from data already in the system (planning, rating, 党群连心), ranked per township and
checked against floors the county sets, archived by week as published.

- view: every business role reads the bulletins within its scope (a township sees its county's).
- manage: the county or city office sets the floors and generates a bulletin on demand (the
  weekly command generates every Monday's); it holds the monthly dispatch meeting (月调度):
  the units called, who attended and reported, the decisions with owners and deadlines.
- report: a township, task force or department edits its progress report for the meeting
  (pre-filled from its data) and reports its decisions done.
- the office also sets its leaders' duties (领导责任) with their frequency and records each
  time one is done; a duty not done in its period is red on its workbench and in the bulletin;
  it plans the quarterly observation tour (季观摩: sites in order on a day).
- score: the tour's participants (office, task forces, townships, departments) score each site
  on their phone, with a remark and photos; the sites are ranked by their average, and a
  village's mean score of the year is the indicator `rhythm.observation_score` (特色亮点).
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    RHYTHM_VIEW = "rhythm.view"
    RHYTHM_MANAGE = "rhythm.manage"
    RHYTHM_REPORT = "rhythm.report"
    RHYTHM_SCORE = "rhythm.score"


# The same section as the notices' entries (equal sections share a heading).
RHYTHM = Section(_("工作调度"), 20)


PLUGIN = AppPlugin(
    actions={
        Action.RHYTHM_VIEW: BUSINESS_ROLES,
        Action.RHYTHM_MANAGE: frozenset({Role.OFFICE}),
        Action.RHYTHM_REPORT: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.TASK_FORCE, Role.UNIT}),
        Action.RHYTHM_SCORE: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.TASK_FORCE, Role.UNIT}),
    },
    nav=(
        NavItem(_("周通报"), "rhythm:bulletin_list", "newspaper", Action.RHYTHM_VIEW, RHYTHM),
        NavItem(_("月调度"), "rhythm:meeting_list", "people", Action.RHYTHM_VIEW, RHYTHM),
        NavItem(_("议定事项"), "rhythm:decision_list", "check2-square", Action.RHYTHM_VIEW, RHYTHM),
        NavItem(_("领导责任"), "rhythm:duty_list", "person-check", Action.RHYTHM_VIEW, RHYTHM),
        NavItem(_("季度观摩"), "rhythm:tour_list", "geo-alt", Action.RHYTHM_VIEW, RHYTHM),
    ),
    audit_labels={
        "rhythm.bulletin.generate": Label("生成周通报", "Generate weekly bulletin"),
        "rhythm.bulletin.retry": Label("重新生成周通报", "Retry weekly bulletin"),
        "rhythm.config.update": Label("设置通报底线", "Set bulletin floors"),
        "rhythm.meeting.create": Label("召开月调度会", "Create dispatch meeting"),
        "rhythm.meeting.attendance": Label("登记参会情况", "Record meeting attendance"),
        "rhythm.report.update": Label("填报调度进展", "Update dispatch report"),
        "rhythm.decision.create": Label("议定事项", "Record meeting decision"),
        "rhythm.decision.done": Label("议定事项办结", "Close meeting decision"),
        "rhythm.duty.create": Label("设置领导责任", "Set leader duty"),
        "rhythm.duty.done": Label("记录领导履责", "Record leader duty done"),
        "rhythm.tour.plan": Label("安排季度观摩", "Plan observation tour"),
        "rhythm.tour.score": Label("观摩评分", "Score observation site"),
    },
    depends_on=("planning", "rating", "liaison", "keymatters"),
    demo="lianxin.rhythm.demo.load",
    test_cases="lianxin.rhythm.tests.cases",
    api="lianxin.rhythm.api",
    workbench="lianxin.rhythm.workbench.cards",
    indicators={"rhythm.observation_score": "lianxin.rhythm.indicators.OBSERVATION_SCORE"},
)
