from django.urls import path

from lianxin.training import views

app_name = "training"
urlpatterns = [
    path("", views.OrderListView.as_view(), name="order_list"),
    path("new/", views.OrderCreateView.as_view(), name="order_create"),
    path("<int:pk>/", views.OrderDetailView.as_view(), name="order_detail"),
    path("<int:pk>/attend/", views.AttendView.as_view(), name="attend"),
    path("surveys/", views.SurveyListView.as_view(), name="survey_list"),
    path("surveys/new/", views.SurveyCreateView.as_view(), name="survey_create"),
    path("surveys/<int:pk>/", views.SurveyDetailView.as_view(), name="survey_detail"),
    path("answers/", views.RecipientListView.as_view(), name="recipient_list"),
    path("hours/", views.HoursView.as_view(), name="hours"),
    path("answers/<int:pk>/", views.AnswerView.as_view(), name="answer"),
]
