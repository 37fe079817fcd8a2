from django.urls import path

from lianxin.liaison import views

app_name = "liaison"
urlpatterns = [
    path("", views.BoardHomeView.as_view(), name="board_home"),
    path("board/<str:code>/", views.BoardView.as_view(), name="board"),
    path("households/", views.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", views.HouseholdCreateView.as_view(), name="household_create"),
    path("households/import/", views.ImportView.as_view(kind="households"), name="household_import"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("members/import/", views.ImportView.as_view(kind="members"), name="member_import"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("matters/", views.MatterListView.as_view(), name="matter_list"),
    path("matters/new/", views.MatterCreateView.as_view(), name="matter_create"),
    path("matters/<int:pk>/", views.MatterDetailView.as_view(), name="matter_detail"),
    path("areas/", views.AssignmentListView.as_view(), name="assignment_list"),
    path("areas/new/", views.AssignmentCreateView.as_view(), name="assignment_create"),
    path("guidance/new/", views.GuidanceCreateView.as_view(), name="guidance_create"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    path("consultations/<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation_detail"),
    path("weak/", views.WeakBranchListView.as_view(), name="weak_list"),
    path("weak/new/", views.WeakBranchCreateView.as_view(), name="weak_create"),
    path("weak/<int:pk>/", views.WeakBranchDetailView.as_view(), name="weak_detail"),
]
