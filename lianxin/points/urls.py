from django.urls import path

from lianxin.points import public, rating_views, views

app_name = "points"
urlpatterns = [
    path("", views.EntryListView.as_view(), name="entry_list"),
    path("entries/new/", views.EntryCreateView.as_view(), name="entry_create"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("photos/<int:pk>/", views.PhotoView.as_view(), name="photo"),
    path("accounts/", views.AccountListView.as_view(), name="account_list"),
    path("accounts/<int:pk>/", views.AccountDetailView.as_view(), name="account_detail"),
    path("ranking/", views.RankingView.as_view(), name="ranking"),
    path("rules/", views.RuleListView.as_view(), name="rule_list"),
    path("rules/new/", views.RuleCreateView.as_view(), name="rule_create"),
    path("rules/<int:pk>/edit/", views.RuleEditView.as_view(), name="rule_edit"),
    path("rules/<int:pk>/retire/", views.RuleRetireView.as_view(), name="rule_retire"),
    path("schemes/new/", views.SchemeCreateView.as_view(), name="scheme_create"),
    path("shop/", views.GoodsListView.as_view(), name="goods_list"),
    path("shop/new/", views.GoodsCreateView.as_view(), name="goods_create"),
    path("shop/donations/", views.DonationListView.as_view(), name="donation_list"),
    path("shop/donations/new/", views.DonationCreateView.as_view(), name="donation_create"),
    path("shop/redemptions/", views.RedemptionListView.as_view(), name="redemption_list"),
    path("shop/redemptions/new/", views.RedemptionCreateView.as_view(), name="redemption_create"),
    path("categories/", rating_views.CategoryListView.as_view(), name="category_list"),
    path("categories/new/", rating_views.CategoryCreateView.as_view(), name="category_create"),
    path("categories/<int:pk>/edit/", rating_views.CategoryEditView.as_view(), name="category_edit"),
    path("ratings/", rating_views.RatingListView.as_view(), name="rating_list"),
    path("ratings/new/", rating_views.RatingCreateView.as_view(), name="rating_create"),
    path("ratings/<int:pk>/", rating_views.RatingDetailView.as_view(), name="rating_detail"),
    path("ratings/<int:pk>/plaques/", rating_views.PlaqueSheetView.as_view(), name="plaques"),
    path("p/<str:token>/", public.PublicView.as_view(), name="public"),
]
