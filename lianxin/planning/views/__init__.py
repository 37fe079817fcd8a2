"""创星规划 pages, by subject: plans (and self-assessment), measures and their ledger, township
declarations, the battle map."""

from lianxin.planning.views.binder import OrgBinderView, PlanBinderView
from lianxin.planning.views.dashboard import BoardView, OrgLedgerExportView
from lianxin.planning.views.declarations import DeclarationEditView, DeclarationListView, RuleEditView
from lianxin.planning.views.differing import DifferingView
from lianxin.planning.views.measures import (
    AttachmentView,
    MeasureDetailView,
    MeasureFormView,
    MeasureListView,
    WorkItemOptionsView,
)
from lianxin.planning.views.plans import (
    AssessmentView,
    LedgerExportView,
    PlanCreateView,
    PlanDetailView,
    PlanListView,
    PlanStarEditView,
)

__all__ = [
    "AssessmentView",
    "AttachmentView",
    "BoardView",
    "DeclarationEditView",
    "DeclarationListView",
    "DifferingView",
    "LedgerExportView",
    "MeasureDetailView",
    "MeasureFormView",
    "MeasureListView",
    "OrgBinderView",
    "OrgLedgerExportView",
    "PlanCreateView",
    "PlanBinderView",
    "PlanDetailView",
    "PlanListView",
    "PlanStarEditView",
    "RuleEditView",
    "WorkItemOptionsView",
]
