"""The site's 404 for an address no route matches, and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def not_found(request, exception):
    """404 for an address no route matches (`handler404`): under /api/ the JSON body the API's
    clients read and its schema documents — an id like `1.5` or a code like `abc` fails the
    route's pattern before any API view sees it — elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


@login_not_required
def healthz(request):
    """`ok`, touching neither the database nor the session: a load balancer's health check, and
    the bare view `make loadtest` measures every page against."""
    return HttpResponse("ok", content_type="text/plain")
