from django.urls import path

from lianxin.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.StandardListView.as_view(), name="list"),
    path("new/", views.StandardCreateView.as_view(), name="create"),
    path("<int:pk>/", views.StandardDetailView.as_view(), name="detail"),
    path("<int:pk>/import/", views.StandardImportView.as_view(), name="import"),
    path("<int:pk>/tasks/new/", views.CriteriaFormView.as_view(), {"kind": "task"}, name="task_create"),
    path("<int:pk>/tasks/<int:task>/", views.CriteriaFormView.as_view(), {"kind": "task"}, name="task_edit"),
    path(
        "<int:pk>/tasks/<int:task>/items/new/", views.CriteriaFormView.as_view(), {"kind": "item"}, name="item_create"
    ),
    path(
        "<int:pk>/tasks/<int:task>/items/<int:item>/",
        views.CriteriaFormView.as_view(),
        {"kind": "item"},
        name="item_edit",
    ),
]
