"""The site's addresses: one include() per app. API routes come from each app's plugin
(`api`), registered on the one router before it is included."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lianxin.core.api import api_router, api_urlpatterns
from lianxin.core.plugins import autodiscover_api
from lianxin.orgs.views import HomeView

autodiscover_api()

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("lianxin.core.urls")),
    path("accounts/", include("lianxin.accounts.urls")),
    path("accounts/mfa/", include("lianxin.accounts.mfa_urls")),
    path("orgs/", include("lianxin.orgs.urls")),
    path("audit/", include("lianxin.audit.urls")),
    path("standards/", include("lianxin.standards.urls")),
    path("planning/", include("lianxin.planning.urls")),
    path("liaison/", include("lianxin.liaison.urls")),
    # The registers' and guidance's pages keep the 党群连心 addresses users know.
    path("liaison/", include("lianxin.registers.urls")),
    path("liaison/", include("lianxin.guidance.urls")),
    path("rating/", include("lianxin.rating.urls")),
    path("assessment/", include("lianxin.assessment.urls")),
    path("points/", include("lianxin.points.urls")),
    path("branchlife/", include("lianxin.branchlife.urls")),
    path("civic/", include("lianxin.civic.urls")),
    path("notices/", include("lianxin.notices.urls")),
    path("rhythm/", include("lianxin.rhythm.urls")),
    path("keymatters/", include("lianxin.keymatters.urls")),
    path("projects/", include("lianxin.projects.urls")),
    path("training/", include("lianxin.training.urls")),
    path("api/v1/", include(api_router.urls + api_urlpatterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
]
handler404 = "lianxin.core.views.not_found"
