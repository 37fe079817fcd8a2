from django.urls import path

from lianxin.rhythm import views

app_name = "rhythm"
urlpatterns = [
    path("bulletins/", views.BulletinListView.as_view(), name="bulletin_list"),
    path("bulletins/new/", views.GenerateView.as_view(), name="bulletin_create"),
    path("bulletins/<int:pk>/", views.BulletinDetailView.as_view(), name="bulletin_detail"),
    path("bulletins/<int:pk>/docx/", views.BulletinFileView.as_view(), name="bulletin_file"),
    path("floors/<str:code>/", views.FloorsView.as_view(), name="floors"),
]
