from django.urls import path

from lianxin.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("<int:seq>/", views.EventDetailView.as_view(), name="event_detail"),
]
