"""The core's own pages: the reminders behind the bell, and the user's background exports."""

from django.urls import path

from lianxin.core import export_views, views
from lianxin.core.views import app

app_name = "core"
urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("exports/", export_views.ExportJobListView.as_view(), name="exports"),
    path("exports/<int:pk>/", export_views.ExportDownloadView.as_view(), name="export_download"),
    path("sw.js", app.service_worker, name="service_worker"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
]
