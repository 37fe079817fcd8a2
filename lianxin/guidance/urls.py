"""Guidance's pages keep the addresses users know from 党群连心 (/liaison/findings/ …):
lianxin/urls.py mounts them under liaison/."""

from django.urls import path

from lianxin.guidance import views

app_name = "guidance"
urlpatterns = [
    path("areas/", views.AssignmentListView.as_view(), name="assignment_list"),
    path("areas/new/", views.AssignmentCreateView.as_view(), name="assignment_create"),
    path("guidance/new/", views.GuidanceCreateView.as_view(), name="guidance_create"),
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("weak/", views.WeakBranchListView.as_view(), name="weak_list"),
    path("weak/new/", views.WeakBranchCreateView.as_view(), name="weak_create"),
    path("weak/<int:pk>/", views.WeakBranchDetailView.as_view(), name="weak_detail"),
]
