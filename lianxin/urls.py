from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lianxin.audit import api as audit_api  # noqa: F401  (registers its API routes)
from lianxin.core.api import api_router
from lianxin.liaison import api as liaison_api  # noqa: F401
from lianxin.orgs import api as orgs_api  # noqa: F401
from lianxin.orgs.views import HomeView
from lianxin.planning import api as planning_api  # noqa: F401
from lianxin.rating import api as rating_api  # noqa: F401
from lianxin.standards import api as standards_api  # noqa: F401

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("lianxin.accounts.urls")),
    path("accounts/mfa/", include("lianxin.accounts.mfa_urls")),
    path("orgs/", include("lianxin.orgs.urls")),
    path("audit/", include("lianxin.audit.urls")),
    path("standards/", include("lianxin.standards.urls")),
    path("planning/", include("lianxin.planning.urls")),
    path("api/v1/board/<str:code>/", planning_api.BoardApiView.as_view(), name="api-board"),
    path("liaison/", include("lianxin.liaison.urls")),
    path("rating/", include("lianxin.rating.urls")),
    path("api/v1/", include(api_router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
]
