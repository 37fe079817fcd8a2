from django.urls import path

from lianxin.rating import views

app_name = "rating"
urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="application_list"),
    path("queue/", views.QueueView.as_view(), name="queue"),
    path("new/", views.ApplicationCreateView.as_view(), name="application_create"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("<int:pk>/edit/", views.ApplicationEditView.as_view(), name="application_edit"),
    path("publicity/", views.PublicityListView.as_view(), name="publicity_list"),
    path("publicity/<int:pk>/", views.PublicityDetailView.as_view(), name="publicity_detail"),
    path("publicity/<int:pk>/notice/", views.PublicityNoticeView.as_view(), name="publicity_notice"),
    path("public/<str:code>/", views.PublicView.as_view(), name="public"),
    path("results/", views.ResultListView.as_view(), name="result_list"),
    path("results/<int:pk>/adjust/", views.ResultAdjustView.as_view(), name="result_adjust"),
    path("awards/", views.AwardListView.as_view(), name="award_list"),
    path("awards/<int:pk>/pay/", views.AwardPayView.as_view(), name="award_pay"),
    path("stats/", views.StatsHomeView.as_view(), name="stats_home"),
    path("stats/<str:code>/", views.StatsView.as_view(), name="stats"),
    path("stats/<str:code>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    path("stats/<str:code>/determination/", views.DeterminationView.as_view(), name="determination"),
    path("settings/<str:code>/", views.SettingsView.as_view(), name="settings"),
]
