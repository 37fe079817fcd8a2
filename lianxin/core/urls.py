"""The core's own pages: the reminders behind the bell."""

from django.urls import path

from lianxin.core import views

app_name = "core"
urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
]
