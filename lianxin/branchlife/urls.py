from django.urls import path

from lianxin.branchlife import views

app_name = "branchlife"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("attendance/", views.MemberAttendanceView.as_view(), name="attendance"),
]
