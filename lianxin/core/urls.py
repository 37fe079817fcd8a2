"""The core's own pages: the reminders behind the bell, the user's background exports, the health
check, and the installable app's worker and manifest."""

from django.urls import path

from lianxin.core import export_views, views
from lianxin.core.views import app

app_name = "core"
urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("exports/", export_views.ExportJobListView.as_view(), name="exports"),
    path("exports/<int:pk>/", export_views.ExportDownloadView.as_view(), name="export_download"),
    path("healthz", views.healthz, name="healthz"),
    path("sw.js", app.service_worker, name="service_worker"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
]
