"""Enforces the second factor after the password: until a logged-in user has given a code
(or enrolled, if their role requires it), every page sends them to the code or enrolment page
and every API call made with the session cookie is refused.

Runs after DeviceMiddleware (django-otp's OTPMiddleware, which sets
`request.user.is_verified()`) and after LoginRequiredMiddleware (anonymous users go to the login
page first). API calls with a token carry no session user here, so scripts holding a token are
not affected (docs/deploy.md)."""

from urllib.parse import urlencode

from django.apps import apps
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from lianxin.accounts import mfa
from lianxin.core import hotpath
from lianxin.core.middleware import is_api_view

# What a user who still owes the second factor may reach: the pages that take it, logging
# out, and switching the interface language.
OPEN_BEFORE_SECOND_FACTOR = {"mfa:verify", "mfa:setup", "accounts:logout", "set_language"}


class DeviceMiddleware(OTPMiddleware):
    """django-otp's middleware, with the session's device read by SQL written once, as the
    session, the user and the roles are (core/hotpath.py). It replaces the one method that
    loads the device (django-otp 1.7, pinned); the library still checks that the device is
    the user's and confirmed, and forgets it otherwise."""

    def _device_from_persistent_id(self, persistent_id: str):
        try:
            label, device_id = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            model, device_id = apps.get_model(label), int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        return hotpath.get(model, "id", device_id)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        mfa.configured_roles()  # an unknown role name stops the server at start-up

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        api = is_api_view(view_func)  # DRF marks its views login_not_required: they are not public
        if not api and not getattr(view_func, "login_required", True):
            return None  # a public page (the results notice) needs no second factor either
        step = mfa.pending_step(user)
        if step is None:
            return None
        if api:
            return JsonResponse({"detail": _("请先在网页上完成两步验证")}, status=403)
        target = reverse("mfa:verify" if step == mfa.VERIFY else "mfa:setup")
        if getattr(request, "htmx", False):  # a fragment request: send the whole page there
            return HttpResponseClientRedirect(target)
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
