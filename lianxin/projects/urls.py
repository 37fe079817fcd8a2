from django.urls import path

from lianxin.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.DemandListView.as_view(), name="demand_list"),
    path("new/", views.DemandCreateView.as_view(), name="demand_create"),
    path("<int:pk>/", views.DemandDetailView.as_view(), name="demand_detail"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("supply/", views.SupplyListView.as_view(), name="supply_list"),
    path("supply/<int:pk>/", views.SupplyDetailView.as_view(), name="supply_detail"),
    path("supply/import/<str:code>/", views.SupplyImportView.as_view(), name="supply_import"),
    path("totals/", views.TotalsView.as_view(), name="totals"),
]
