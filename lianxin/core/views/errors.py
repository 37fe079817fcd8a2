"""The site's 404 for an address no route matches."""

from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def not_found(request, exception):
    """404 for an address no route matches (`handler404`): under /api/ the JSON body the API's
    clients read and its schema documents — an id like `1.5` or a code like `abc` fails the
    route's pattern before any API view sees it — elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
