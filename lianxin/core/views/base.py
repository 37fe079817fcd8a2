"""What every page is built from: who acts (`actor`), the permission a page needs
(`ActionRequiredMixin`), rows and the page's object only from `restrict(user, action)`
(`ScopedMixin`, `ScopedObjectMixin`), and how a refused or broken service call becomes a Chinese
message instead of a 500 (`run_service`, `error_messages`, `add_service_errors`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lianxin.audit.services import Actor
from lianxin.core.uploads import UploadError

# What a service raises when it refuses: a broken rule, a refused permission, a bad file.
SERVICE_ERRORS = (ValidationError, PermissionDenied, UploadError)


def actor(request) -> Actor:
    """Who acts in this request, for the services: the logged-in user and their address. Every
    page and API call names its actor through this one function."""
    return Actor.from_request(request)


def error_messages(exc: Exception) -> list[str]:
    """The Chinese sentences a user reads for a refused or broken service call."""
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("没有权限")]


def show_errors(request, exc: Exception) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


def add_service_errors(form, exc: Exception) -> None:
    """A service's refusal shown on the form: on the field it names when the form has that
    field, else above the fields."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    form.add_error(None, error_messages(exc))


def form_error_messages(form) -> list[str]:
    """A form's errors as sentences, each naming its field, for pages that do not show the form
    field by field."""
    return [
        f"{form.fields[field].label}：{error}" if field in form.fields else str(error)
        for field, errors in form.errors.items()
        for error in errors
    ]


def chosen_org(request, orgs, field: str):
    """The one of `orgs` (the user's own) whose code was POSTed in `field`, else the first: a
    user with a single org need not pick it. None for a code not among them, so that a forged
    code never reaches an org outside the list."""
    code = request.POST.get(field) or (orgs[0].code if orgs else "")
    return next((org for org in orgs if org.code == code), None)


def run_service(request, call, success: str):
    """Run a service call for a page; a broken rule (or a refused permission) becomes a message
    on the page, never a 500. Returns the result, or None when it was refused."""
    try:
        result = call()
    except SERVICE_ERRORS as exc:
        show_errors(request, exc)
        return None
    messages.success(request, success)
    return result or True


class ActionRequiredMixin:
    """403 unless one of the user's roles grants `permission_action`; None means any
    logged-in user (the login itself is enforced by the middleware)."""

    permission_action: str | None

    def dispatch(self, request, *args, **kwargs):
        action = self.permission_action
        if action is not None and not request.user.can(action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedMixin(ActionRequiredMixin):
    model = None

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.permission_action)


class ScopedObjectMixin(ScopedMixin):
    """The page's one object, found in `get_queryset()` by the URL's `lookup_field` (`pk`, or
    `code` for an org): out of scope is 404, the same answer as not found. Without a `model`
    the page has no object (None), unless `get_object()` says otherwise."""

    lookup_field = "pk"

    def get_object(self):
        if self.model is None:
            return None
        return get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[self.lookup_field]})

    @cached_property
    def object(self):
        return self.get_object()


class ScopedTemplateView(ActionRequiredMixin, TemplateView):
    pass
