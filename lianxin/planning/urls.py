from django.urls import path

from lianxin.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:pk>/stars/<str:star>/", views.PlanStarEditView.as_view(), name="star_edit"),
    path("<int:pk>/measures/new/", views.MeasureFormView.as_view(), name="measure_create"),
    path("<int:pk>/work-items/", views.WorkItemOptionsView.as_view(), name="work_items"),
    path("<int:pk>/assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("<int:pk>/ledger/", views.LedgerExportView.as_view(), name="ledger"),
    path("measures/", views.MeasureListView.as_view(), name="measure_list"),
    path("<int:pk>/binder/", views.PlanBinderView.as_view(), name="plan_binder"),
    path("measures/<int:pk>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("measures/<int:measure>/edit/", views.MeasureFormView.as_view(), name="measure_edit"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("board/", views.BoardView.as_view(), name="board_home"),
    path("board/<str:code>/", views.BoardView.as_view(), name="board"),
    path("board/<str:code>/ledger/", views.OrgLedgerExportView.as_view(), name="org_ledger"),
    path("board/<str:code>/binder/", views.OrgBinderView.as_view(), name="org_binder"),
    path("board/<str:code>/differing/", views.DifferingView.as_view(), name="differing"),
    path("declarations/", views.DeclarationListView.as_view(), name="declarations"),
    path("declarations/<str:code>/", views.DeclarationEditView.as_view(), name="declaration_edit"),
    path("rules/<str:code>/", views.RuleEditView.as_view(), name="rule_edit"),
]
