from django.urls import path

from lianxin.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.BrowseView.as_view(), name="browse"),
    path("search/", views.OrgSearchView.as_view(), name="search"),
    path("<str:code>/", views.OrgDetailView.as_view(), name="detail"),
    path("<str:code>/units/new/", views.UnitCreateView.as_view(), name="unit_create"),
]
