"""A form page that calls one service: the form checks the input, `perform()` hands it to the
service, and whatever the service refuses comes back on the form in Chinese (never a 500)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from lianxin.core.views.base import (
    SERVICE_ERRORS,
    ScopedObjectMixin,
    actor,
    add_service_errors,
    error_messages,
    form_error_messages,
    show_errors,
)

# A form sent again from the phone's offline queue (static/js/offline.js) asks for JSON: the
# queue shows the Chinese reason of a refusal beside the record instead of a page. Both form
# pages (ServiceFormView) and object pages (ObjectOperationsView) answer it.
QUEUE_HEADER = "X-Lianxin-Queue"


def is_queued(request) -> bool:
    return request.headers.get(QUEUE_HEADER) == "1"


def queue_answer(ok: bool, message, status: int = 200) -> JsonResponse:
    return JsonResponse({"ok": ok, "message": str(message)}, status=status)


def queue_refusal(exc: Exception) -> JsonResponse:
    """A service's refusal, for the queue: 403 for a refused permission, else 400."""
    status = 403 if isinstance(exc, PermissionDenied) else 400
    return queue_answer(False, "；".join(error_messages(exc)), status)


def queue_form_refusal(form) -> JsonResponse:
    return queue_answer(False, "；".join(form_error_messages(form)), 400)


class ServiceFormView(ScopedObjectMixin, FormView):
    """`perform(actor, form)` calls the service with the form's cleaned data and returns what it
    made or changed. With a `model`, the page is about one object (`self.object`, from the
    restricted queryset: 404 out of scope). A rule the service enforces comes back as a form
    error (on its field when the form has one); a refused permission as a message. On success:
    `success_message`, then `success_url` (a URL name or path), else the page of what was made
    (`get_absolute_url`), else this page again.

    `submit_action`, when set, is needed to submit (403 without it) on a page that anyone with
    `permission_action` may open."""

    template_name = "core/form.html"
    title = ""
    success_message = _("已保存")
    success_url = None
    back_url = None
    submit_action: str | None = None

    def perform(self, actor, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if self.submit_action is not None and not request.user.can(self.submit_action):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_back_url(self) -> str | None:
        return resolve_url(self.back_url) if self.back_url else None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        return super().get_context_data(object=self.object, back_url=self.get_back_url(), **kwargs)

    def form_valid(self, form):
        try:
            result = self.perform(actor(self.request), form)
        except PermissionDenied as exc:
            if is_queued(self.request):
                return queue_refusal(exc)
            show_errors(self.request, exc)
            return self.form_invalid(form)
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if is_queued(self.request):
            return queue_answer(True, self.get_success_message(result))
        messages.success(self.request, self.get_success_message(result))
        return redirect(self.get_success_url(result))

    def form_invalid(self, form):
        if is_queued(self.request):
            return queue_form_refusal(form)
        return super().form_invalid(form)

    def get_success_message(self, result) -> str:
        return str(self.success_message)

    def get_success_url(self, result=None) -> str:
        if self.success_url:
            return resolve_url(self.success_url)
        if hasattr(result, "get_absolute_url"):
            return result.get_absolute_url()
        return self.request.get_full_path()


def service_perform(call, *first: str, lists: tuple[str, ...] = ()):
    """A `ServiceFormView.perform` that hands the form's cleaned data to `call`: the fields named
    in `first` (the village, the household …) as positional arguments after the actor, in that
    order, the others as keywords; the fields in `lists` (a multiple choice) as lists."""

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        for name in lists:
            data[name] = list(data[name])
        return call(actor, *(data.pop(name) for name in first), **data)

    return perform


def pick_form(field: str, label, *, invalid=None) -> type[forms.Form]:
    """A form with one choice among given rows (`queryset=` when it is made): how an operation
    names the child row it acts on (an evidence item of this application, an objection of this
    publicity) without a lookup that could reach another object's rows."""

    class PickForm(forms.Form):
        def __init__(self, *args, queryset, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[field] = forms.ModelChoiceField(
                label=label,
                queryset=queryset,
                error_messages={"invalid_choice": invalid} if invalid else None,
            )

    PickForm.__name__ = f"Pick{field.title().replace('_', '')}Form"
    return PickForm
