"""The core's own pages: the reminders behind the bell, and the user's background exports."""

from django.urls import path

from lianxin.core import export_views, views

app_name = "core"
urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("exports/", export_views.ExportJobListView.as_view(), name="exports"),
    path("exports/<int:pk>/", export_views.ExportDownloadView.as_view(), name="export_download"),
    path("healthz", views.healthz, name="healthz"),
]
