from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.middleware.gzip import GZipMiddleware

# No inline script anywhere: page data travels in <script type="application/json"> blocks that
# static files read. Inline styles stay allowed because ECharts and Bootstrap set them.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


def is_api_view(view_func) -> bool:
    """A Django REST framework view: it authenticates (token or session) and answers for itself."""
    return getattr(view_func, "cls", None) is not None and hasattr(view_func.cls, "permission_classes")


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default: every page needs a login unless its view is marked
    `login_not_required`. API views answer for themselves (401 with token auth), so they are
    left to Django REST framework's permission classes."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_api_view(view_func):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class TextGZipMiddleware(GZipMiddleware):
    """Compresses pages and JSON where no proxy in front does (issue 15: a county battle map is
    185 KB of HTML). Files (xlsx, docx, zip, images) are compressed already and only cost CPU.
    BREACH: Django masks the CSRF token differently in every response, and no page reflects
    request input next to a secret."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
