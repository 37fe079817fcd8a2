from django.urls import path

from lianxin.rhythm import dispatch_views, duty_views, tour_views, views

app_name = "rhythm"
urlpatterns = [
    path("bulletins/", views.BulletinListView.as_view(), name="bulletin_list"),
    path("bulletins/new/", views.GenerateView.as_view(), name="bulletin_create"),
    path("bulletins/<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("bulletins/<int:pk>/docx/", views.BulletinFileView.as_view(), name="bulletin_file"),
    path("floors/<str:code>/", views.FloorsView.as_view(), name="floors"),
    path("meetings/", dispatch_views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", dispatch_views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", dispatch_views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", dispatch_views.MinutesView.as_view(), name="meeting_minutes"),
    path("reports/<int:pk>/", dispatch_views.ReportView.as_view(), name="meeting_unit"),
    path("decisions/", dispatch_views.DecisionListView.as_view(), name="decision_list"),
    path("decisions/<int:pk>/", dispatch_views.DecisionDetailView.as_view(), name="decision_detail"),
    path("duties/", duty_views.DutyListView.as_view(), name="duty_list"),
    path("duties/new/", duty_views.DutyCreateView.as_view(), name="duty_create"),
    path("duties/<int:pk>/", duty_views.DutyDetailView.as_view(), name="duty_detail"),
    path("tours/", tour_views.TourListView.as_view(), name="tour_list"),
    path("tours/new/", tour_views.TourCreateView.as_view(), name="tour_create"),
    path("tours/<int:pk>/", tour_views.TourDetailView.as_view(), name="tour_detail"),
    path("sites/<int:pk>/score/", tour_views.ScoreView.as_view(), name="site_score"),
    path("photos/<int:pk>/", tour_views.PhotoView.as_view(), name="site_photo"),
]
