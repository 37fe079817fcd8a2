from django.urls import path

from lianxin.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    path("new/", views.SendView.as_view(), name="create"),
    path("<int:pk>/", views.ReceiptListView.as_view(), name="detail"),
    path("<int:pk>/remind/", views.RemindView.as_view(), name="remind"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/", views.ReceivedView.as_view(), name="received"),
    path("files/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
]
