"""An object's page and the named changes made on it (submit, accept, return, delete …).

The page declares its operations; a POST names one (`op=submit`), and every operation goes the
same way: the object from the restricted queryset (404 out of scope), the operation's action
checked at the object's org (403), the POST checked by the operation's form, one service call,
its refusal shown as a message, a redirect back. The page learns which operations the user may
perform (`can.<name>`), so it shows only the buttons that will work.

A record sent from the phone's offline queue (forms.QUEUE_HEADER) gets JSON instead of a page
or a redirect: success, or the Chinese reason it was refused (out of scope included)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lianxin.core.permissions import can_at
from lianxin.core.scope import scope_code
from lianxin.core.views.base import (
    SERVICE_ERRORS,
    ScopedObjectMixin,
    actor,
    add_service_errors,
    form_error_messages,
    show_errors,
)
from lianxin.core.views.forms import is_queued, queue_answer, queue_form_refusal, queue_refusal


@dataclass(frozen=True)
class Operation:
    """One named change on the page's object.

    `call(actor, obj, **arguments)` is the service (or a one-line adapter to it); the arguments
    are the operation's `form`'s cleaned data (or its `service_arguments()`), plus the plain
    POST fields named in `needs`, which the service checks itself (say, a required reason).
    `action` is checked at the object's org before anything runs; None leaves the decision to
    the service alone (reviewer eligibility). `allowed(user, obj)` tells the page whether to
    show the button (a `can_*` predicate of the services); without it, the action check.
    `inline` forms are shown field by field: their errors come back on the page (status 200)
    instead of as messages. `redirect_to(obj)` is where a success leads, when not back here
    (after a delete)."""

    call: Callable
    success: str
    action: str | None = None
    form: type[forms.Form] | None = None
    needs: tuple[str, ...] = ()
    allowed: Callable[[object, object], bool] | None = None
    inline: bool = False
    redirect_to: Callable[[object], str] | None = None


def service_arguments(form) -> dict:
    return form.service_arguments() if hasattr(form, "service_arguments") else dict(form.cleaned_data)


class ObjectOperationsView(ScopedObjectMixin, TemplateView):
    """An object's page (`permission_action` to read it) with `operations`; a POST without
    `op` runs `default_operation`. An unknown operation is a message, not an error page.

    Context: `object`, `can` (operation name -> bool, for the buttons) and `forms` (name ->
    form, for the `inline` operations the user may perform; after a refused POST, the bound
    form with its errors)."""

    operations: Mapping[str, Operation] = {}
    default_operation: str | None = None

    # --- the page ---

    def may(self, op: Operation) -> bool:
        if op.allowed is not None:
            return op.allowed(self.request.user, self.object)
        return op.action is not None and can_at(self.request.user, op.action, scope_code(self.object))

    def get_context_data(self, bound: Mapping[str, forms.Form] | None = None, **kwargs):
        can = {name: self.may(op) for name, op in self.operations.items() if op.allowed or op.action}
        shown = {
            name: (bound or {}).get(name) or self.operation_form(name)
            for name, op in self.operations.items()
            if op.inline and op.form is not None and can.get(name, True)
        }
        return super().get_context_data(object=self.object, can=can, forms=shown, **kwargs)

    def operation_form(self, name: str, data=None, files=None) -> forms.Form:
        return self.operations[name].form(data, files, **self.operation_form_kwargs(name))

    def operation_form_kwargs(self, name: str) -> dict:
        """Keyword arguments for the form of operation `name` (the rows it may choose from)."""
        return {}

    def operation_arguments(self, name: str) -> dict:
        """Arguments for the service that come from the page rather than the POST (the year)."""
        return {}

    def page_url(self) -> str:
        """Where a refused operation, and by default a successful one, leads: this page."""
        return self.request.get_full_path()

    # --- the operations ---

    def post(self, request, *args, **kwargs):
        if not is_queued(request):
            return self.run_operation(request)
        # Sent from the phone's offline queue: every answer is JSON with a Chinese reason.
        try:
            return self.run_operation(request)
        except Http404:
            return queue_answer(False, _("该记录不存在，或不在您的管辖范围内"), 404)
        except PermissionDenied as exc:
            return queue_refusal(exc)

    def run_operation(self, request):
        obj = self.object  # out of scope: 404 before anything else
        name = request.POST.get("op") or self.default_operation
        op = self.operations.get(name)
        if op is None:
            if is_queued(request):
                return queue_answer(False, _("无效的操作"), 400)
            messages.error(request, _("无效的操作"))
            return redirect(self.page_url())
        if op.action is not None and not can_at(request.user, op.action, scope_code(obj)):
            raise PermissionDenied
        arguments = {field: request.POST.get(field, "") for field in op.needs}
        form = None
        if op.form is not None:
            form = self.operation_form(name, request.POST, request.FILES)
            if not form.is_valid():
                return self.refused(op, name, form)
            arguments.update(service_arguments(form))
        arguments.update(self.operation_arguments(name))  # the page's own: no POST field overrides them
        try:
            op.call(actor(request), obj, **arguments)
        except SERVICE_ERRORS as exc:
            if is_queued(request):
                return queue_refusal(exc)
            # A broken rule goes back on the inline form; a refusal is a message, since the page
            # shows no form to a user it would refuse.
            if op.inline and form is not None and not isinstance(exc, PermissionDenied):
                add_service_errors(form, exc)
                return self.refused(op, name, form)
            show_errors(request, exc)
            return redirect(self.page_url())
        if is_queued(request):
            return queue_answer(True, op.success)
        messages.success(request, op.success)
        return redirect(op.redirect_to(obj) if op.redirect_to else self.page_url())

    def refused(self, op: Operation, name: str, form: forms.Form):
        if is_queued(self.request):
            return queue_form_refusal(form)
        if op.inline:
            return self.render_to_response(self.get_context_data(bound={name: form}))
        for message in form_error_messages(form):
            messages.error(self.request, message)
        return redirect(self.page_url())
