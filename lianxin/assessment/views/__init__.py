"""The assessment app's pages, by subject."""

from lianxin.assessment.views.competition import (
    EntryDetailView,
    EntryListView,
    RoundCreateView,
    RoundDetailView,
    RoundListView,
    SlidesDownloadView,
)
from lianxin.assessment.views.quiz import (
    AttemptDetailView,
    AttemptListView,
    QuestionImportView,
    QuestionListView,
    QuizCreateView,
    QuizDetailView,
    QuizListView,
)
from lianxin.assessment.views.scoring import (
    MeetingCreateView,
    MeetingListView,
    PeriodDetailView,
    RankingView,
    SchemeCreateView,
    SchemeDetailView,
    SchemeExportView,
    SchemeImportView,
    SchemeListView,
    ScoreDetailView,
    ScoreListView,
)
from lianxin.assessment.views.subjects import SubjectCreateView, SubjectDetailView, SubjectListView

__all__ = [
    "EntryDetailView",
    "EntryListView",
    "RoundCreateView",
    "RoundDetailView",
    "RoundListView",
    "SlidesDownloadView",
    "AttemptDetailView",
    "AttemptListView",
    "MeetingCreateView",
    "MeetingListView",
    "PeriodDetailView",
    "QuestionImportView",
    "QuestionListView",
    "QuizCreateView",
    "QuizDetailView",
    "QuizListView",
    "RankingView",
    "SchemeCreateView",
    "SchemeDetailView",
    "SchemeExportView",
    "SchemeImportView",
    "SchemeListView",
    "ScoreDetailView",
    "ScoreListView",
    "SubjectCreateView",
    "SubjectDetailView",
    "SubjectListView",
]
