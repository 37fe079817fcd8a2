"""The registers' pages keep the addresses users know from 党群连心 (/liaison/households/ …):
lianxin/urls.py mounts them under liaison/."""

from django.urls import path

from lianxin.registers import views
from lianxin.registers.models import Household, PartyMember

app_name = "registers"
urlpatterns = [
    path("households/", views.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", views.HouseholdCreateView.as_view(), name="household_create"),
    path("households/import/", views.HouseholdImportView.as_view(), name="household_import"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/personal/", views.PersonalDataView.as_view(model=Household), name="household_personal"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/new/", views.MemberCreateView.as_view(), name="member_create"),
    path("members/import/", views.MemberImportView.as_view(), name="member_import"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/personal/", views.PersonalDataView.as_view(model=PartyMember), name="member_personal"),
]
