from django.urls import path

from lianxin.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.ScoreListView.as_view(), name="score_list"),
    path("scores/<int:pk>/", views.ScoreDetailView.as_view(), name="score_detail"),
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    path("schemes/", views.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/new/", views.SchemeCreateView.as_view(), name="scheme_create"),
    path("schemes/import/", views.SchemeImportView.as_view(), name="scheme_import"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:pk>/export/", views.SchemeExportView.as_view(), name="scheme_export"),
    path("periods/<int:pk>/", views.PeriodDetailView.as_view(), name="period_detail"),
    path("subjects/", views.SubjectListView.as_view(), name="subject_list"),
    path("subjects/new/", views.SubjectCreateView.as_view(), name="subject_create"),
    path("subjects/<int:pk>/", views.SubjectDetailView.as_view(), name="subject_detail"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("questions/", views.QuestionListView.as_view(), name="question_list"),
    path("questions/import/", views.QuestionImportView.as_view(), name="question_import"),
    path("quizzes/", views.QuizListView.as_view(), name="quiz_list"),
    path("quizzes/new/", views.QuizCreateView.as_view(), name="quiz_create"),
    path("quizzes/<int:pk>/", views.QuizDetailView.as_view(), name="quiz_detail"),
    path("attempts/", views.AttemptListView.as_view(), name="attempt_list"),
    path("attempts/<int:pk>/", views.AttemptDetailView.as_view(), name="attempt_detail"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("entries/", views.EntryListView.as_view(), name="entry_list"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("entries/<int:pk>/slides/", views.SlidesDownloadView.as_view(), name="entry_slides"),
]
