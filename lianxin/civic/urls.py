from django.urls import path

from lianxin.civic import public, selection_views, views

app_name = "civic"
urlpatterns = [
    path("disputes/", views.DisputeListView.as_view(), name="dispute_list"),
    path("disputes/new/", views.DisputeCreateView.as_view(), name="dispute_create"),
    path("disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="dispute_detail"),
    path("agreements/<int:pk>/", views.AgreementView.as_view(), name="agreement"),
    path("zero/", views.ZeroReportListView.as_view(), name="zero_list"),
    path("zero/new/", views.ZeroReportCreateView.as_view(), name="zero_create"),
    path("zero/stats/<str:code>/", views.ThreeZeroView.as_view(), name="three_zero"),
    path("volunteers/", views.VolunteerListView.as_view(), name="volunteer_list"),
    path("volunteers/new/", views.VolunteerCreateView.as_view(), name="volunteer_create"),
    path("volunteers/<int:pk>/", views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path("teams/new/", views.TeamCreateView.as_view(), name="team_create"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivitySignInView.as_view(), name="activity_sign_in"),
    path("selection/", selection_views.CampaignListView.as_view(), name="campaign_list"),
    path("selection/new/", selection_views.CampaignCreateView.as_view(), name="campaign_create"),
    path("selection/<int:pk>/", selection_views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("selection/p/<str:token>/", public.PublicSelectionView.as_view(), name="public_selection"),
]
