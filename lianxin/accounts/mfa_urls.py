from django.urls import path

from lianxin.accounts import mfa_views

app_name = "mfa"
urlpatterns = [
    path("", mfa_views.SetupView.as_view(), name="setup"),
    path("verify/", mfa_views.VerifyView.as_view(), name="verify"),
    path("codes/", mfa_views.CodesView.as_view(), name="codes"),
    path("users/<int:pk>/reset/", mfa_views.ResetView.as_view(), name="reset"),
]
