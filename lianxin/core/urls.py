from django.urls import path

from lianxin.core import export_views

app_name = "core"

urlpatterns = [
    path("exports/", export_views.ExportJobListView.as_view(), name="exports"),
    path("exports/<int:pk>/", export_views.ExportDownloadView.as_view(), name="export_download"),
]
