"""Daily assessment (日常考核): the county's scheme, scoring of its four kinds of subject, the
task forces' monthly meetings, rankings and the outcome of a locked year score.

- view: every business role reads the schemes, scores and rankings within its scope.
- manage: the county creation office keeps the scheme and its periods, the subjects, returns a
  submitted score once, closes periods (locking their scores) and records outcomes.
- score: the office scores task forces and township secretaries; a township scores its village
  secretaries and star leaders (a score needs the scorer's scope over the subject's parent).
- meeting: a task force (or the office) records its monthly meetings.
- quiz_take: every business user takes the knowledge tests of their county (the office keeps
  the question bank and the tests under `manage`, and reopens an attempt).
- competition: a township runs its preliminaries, the office the county final (rounds, judges,
  entries, closing); a judge scores because they are assigned to the round, not by role.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_MANAGE = "assessment.manage"
    ASSESSMENT_SCORE = "assessment.score"
    ASSESSMENT_MEETING = "assessment.meeting"
    QUIZ_TAKE = "assessment.quiz_take"
    COMPETITION_MANAGE = "assessment.competition"


ASSESSMENT = Section(_("考核比武"), 50)

PLUGIN = AppPlugin(
    actions={
        Action.ASSESSMENT_VIEW: BUSINESS_ROLES,
        Action.ASSESSMENT_MANAGE: frozenset({Role.OFFICE}),
        Action.ASSESSMENT_SCORE: frozenset({Role.OFFICE, Role.TOWNSHIP}),
        Action.ASSESSMENT_MEETING: frozenset({Role.OFFICE, Role.TASK_FORCE}),
        Action.QUIZ_TAKE: BUSINESS_ROLES,
        Action.COMPETITION_MANAGE: frozenset({Role.OFFICE, Role.TOWNSHIP}),
    },
    nav=(
        NavItem(_("日常考核"), "assessment:score_list", "clipboard-check", Action.ASSESSMENT_VIEW, ASSESSMENT),
        NavItem(_("考核排名"), "assessment:ranking", "bar-chart-line", Action.ASSESSMENT_VIEW, ASSESSMENT),
        NavItem(_("考核方案"), "assessment:scheme_list", "journal-text", Action.ASSESSMENT_VIEW, ASSESSMENT),
        NavItem(_("考核对象"), "assessment:subject_list", "people", Action.ASSESSMENT_VIEW, ASSESSMENT),
        NavItem(_("知识测试"), "assessment:quiz_list", "pencil-square", Action.QUIZ_TAKE, ASSESSMENT),
        NavItem(_("三次大比武"), "assessment:round_list", "trophy", Action.ASSESSMENT_VIEW, ASSESSMENT),
    ),
    audit_labels={
        "assessment.scheme.create": Label("制定考核方案", "Create assessment scheme"),
        "assessment.scheme.copy": Label("沿用上年考核方案", "Copy last year's assessment scheme"),
        "assessment.scheme.import": Label("导入考核方案", "Import assessment scheme"),
        "assessment.item.save": Label("保存评分项", "Save scoring item"),
        "assessment.subject.save": Label("保存考核对象", "Save assessment subject"),
        "assessment.subject.remove": Label("删除考核对象", "Remove assessment subject"),
        "assessment.score.save": Label("保存考核评分", "Save assessment score"),
        "assessment.score.submit": Label("提交考核评分", "Submit assessment score"),
        "assessment.score.return": Label("退回考核评分", "Return assessment score"),
        "assessment.period.close": Label("关闭考核周期", "Close assessment period"),
        "assessment.ranking.refresh": Label("刷新考核排名", "Refresh assessment ranking"),
        "assessment.meeting.create": Label("记录专班例会", "Record task force meeting"),
        "assessment.outcome.save": Label("记录考核结果运用", "Record assessment outcome"),
        "assessment.question.import": Label("导入试题", "Import questions"),
        "assessment.quiz.create": Label("发布知识测试", "Publish knowledge test"),
        "assessment.attempt.start": Label("开始答题", "Start test attempt"),
        "assessment.attempt.submit": Label("交卷", "Submit test attempt"),
        "assessment.attempt.reopen": Label("允许重考", "Reopen test attempt"),
        "assessment.round.create": Label("设立比武赛事", "Create competition round"),
        "assessment.judge.assign": Label("指定评委", "Assign judge"),
        "assessment.entry.save": Label("登记参赛", "Register competition entry"),
        "assessment.slides.upload": Label("上传演示文稿", "Upload entry slides"),
        "assessment.entry.score": Label("评委打分", "Judge scores entry"),
        "assessment.round.close": Label("结束比武并公布结果", "Close competition round"),
    },
    demo="lianxin.assessment.demo.load",
    # The 成效 round reads each village's star self-assessment (services/sheet.py).
    depends_on=("planning",),
    test_cases="lianxin.assessment.tests.cases",
    api="lianxin.assessment.api",
    workbench="lianxin.assessment.workbench.cards",
)
