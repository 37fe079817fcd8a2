from django.urls import path

from lianxin.keymatters import views

app_name = "keymatters"
urlpatterns = [
    path("", views.MatterListView.as_view(), name="matter_list"),
    path("new/", views.MatterCreateView.as_view(), name="matter_create"),
    path("<int:pk>/", views.MatterDetailView.as_view(), name="matter_detail"),
    path("month/", views.MonthView.as_view(), name="month"),
    path("review/<str:code>/", views.ReviewView.as_view(), name="review"),
]
