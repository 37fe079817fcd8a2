"""The training list (培训清单): questionnaires to key groups (five- and four-star branch
secretaries, secretaries under 35, secretaries of weak branches — chosen by rule from the
ratings, the member register and the weak-branch list — or by hand), answered on a phone and
summarised per topic into a personalised list per person and per group; trainings ordered by a
township (点单), dispatched by the county to a lecturer (派单), accepted by the lecturer (接单),
held with attendees signing in on their phones, then rated.

- view: every business role reads within its scope.
- survey: the county office builds and sends questionnaires.
- answer: a secretary answers (as a member; the village clerk may fill in for one).
- order: a township orders a training; dispatch: the county office sends it to a lecturer.
- lecture: a lecturer accepts and holds the trainings dispatched to them.
- attend: a member signs in to a training held in their township and rates it.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    TRAINING_VIEW = "training.view"
    TRAINING_SURVEY = "training.survey"
    TRAINING_ANSWER = "training.answer"
    TRAINING_ORDER = "training.order"
    TRAINING_DISPATCH = "training.dispatch"
    TRAINING_LECTURE = "training.lecture"
    TRAINING_ATTEND = "training.attend"


# The county's three lists share one menu heading (the same Section as keymatters' and projects').
LISTS = Section(_("三个清单"), 50)

PLUGIN = AppPlugin(
    actions={
        Action.TRAINING_VIEW: BUSINESS_ROLES,
        Action.TRAINING_SURVEY: frozenset({Role.OFFICE}),
        Action.TRAINING_ANSWER: frozenset({Role.MEMBER, Role.VILLAGE}),
        Action.TRAINING_ORDER: frozenset({Role.TOWNSHIP}),
        Action.TRAINING_DISPATCH: frozenset({Role.OFFICE}),
        Action.TRAINING_LECTURE: frozenset({Role.LECTURER}),
        Action.TRAINING_ATTEND: frozenset({Role.MEMBER}),
    },
    nav=(
        NavItem(_("培训点单"), "training:order_list", "mortarboard", Action.TRAINING_VIEW, LISTS),
        NavItem(_("培训需求问卷"), "training:survey_list", "ui-checks", Action.TRAINING_VIEW, LISTS),
        NavItem(_("问卷填写"), "training:recipient_list", "phone", Action.TRAINING_VIEW, LISTS),
        NavItem(_("培训学时"), "training:hours", "clock-history", Action.TRAINING_VIEW, LISTS),
    ),
    audit_labels={
        "training.survey.create": Label("新建培训问卷", "Create training questionnaire"),
        "training.survey.send": Label("发放培训问卷", "Send training questionnaire"),
        "training.survey.answer": Label("填写培训问卷", "Answer training questionnaire"),
        "training.order.create": Label("培训点单", "Order training"),
        "training.order.dispatch": Label("培训派单", "Dispatch training"),
        "training.order.accept": Label("讲师接单", "Accept training"),
        "training.order.hold": Label("培训举办", "Hold training"),
        "training.attendance.sign_in": Label("培训签到", "Sign in to training"),
        "training.attendance.rate": Label("培训评价", "Rate training"),
    },
    depends_on=("rating", "guidance"),
    demo="lianxin.training.demo.load",
    test_cases="lianxin.training.tests.cases",
    api="lianxin.training.api",
    workbench="lianxin.training.workbench.cards",
)
