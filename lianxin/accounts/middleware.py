"""Password age (security.md item 23): with LIANXIN_PASSWORD_MAX_DAYS set, a user whose
password is older is sent to 修改密码 from every page until they change it; logging out and
switching language still work. API calls with a token are not pages and are left alone."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ALLOWED_VIEWS = {"accounts:password_change", "accounts:logout", "set_language"}


class PasswordAgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.resolver_match.view_name in ALLOWED_VIEWS:
            return None
        if not user.password_too_old():
            return None
        messages.warning(request, _("您的密码已使用过久，按规定请先修改密码再继续使用。"))
        return redirect("accounts:password_change")
