from django.urls import path

from lianxin.liaison.views import board, records

app_name = "liaison"
urlpatterns = [
    path("", board.BoardHomeView.as_view(), name="board_home"),
    path("board/<str:code>/", board.BoardView.as_view(), name="board"),
    path("visits/", records.VisitListView.as_view(), name="visit_list"),
    path("visits/new/", records.VisitCreateView.as_view(), name="visit_create"),
    path("photos/<int:pk>/", records.PhotoView.as_view(), name="photo"),
    path("matters/", records.MatterListView.as_view(), name="matter_list"),
    path("matters/handed/", records.UnitMatterListView.as_view(), name="unit_matters"),
    path("matters/handed/<int:pk>/", records.UnitMatterDetailView.as_view(), name="unit_matter"),
    path("matters/new/", records.MatterCreateView.as_view(), name="matter_create"),
    path("matters/<int:pk>/", records.MatterDetailView.as_view(), name="matter_detail"),
    path("consultations/", records.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", records.ConsultationCreateView.as_view(), name="consultation_create"),
    path("consultations/<int:pk>/", records.ConsultationDetailView.as_view(), name="consultation_detail"),
]
