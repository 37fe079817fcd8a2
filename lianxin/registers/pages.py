"""The page kit the 党群连心 apps share (registers, liaison, guidance): lists with their
buttons under the section's tabs, a form whose data goes to one service call, and an object's
page whose POSTed `op` runs one service call. Thin: rows from `restrict()`, changes through the
services, broken rules shown as messages, out of scope 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from lianxin.audit.services import Actor
from lianxin.core.permissions import can_at
from lianxin.core.uploads import UploadError
from lianxin.core.views import ActionRequiredMixin, ScopedListView, ScopedTemplateView
from lianxin.orgs.views import breadcrumbs


class SectionListView(ScopedListView):
    template_name = "registers/list.html"
    buttons: tuple[tuple[str, str, str, str], ...] = ()  # (url name, label, icon, action)
    select_related: tuple[str, ...] = ("org",)  # what each row's columns show

    def get_queryset(self):
        return super().get_queryset().select_related(*self.select_related)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["buttons"] = [
            {"url": reverse(name), "label": label, "icon": icon}
            for name, label, icon, action in self.buttons
            if user.can(action)
        ]
        return context


def with_errors(form, exc: ValidationError | UploadError):
    """The form, with a broken rule or a refused upload shown above its fields."""
    for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
        form.add_error(None, message)
    return form


class ServiceFormView(ActionRequiredMixin, FormView):
    """A form whose valid data goes to one service call (`perform`); rule violations come back
    as form errors."""

    template_name = "registers/form.html"
    title = ""
    back_url = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self) -> dict:
        return {"user": self.request.user, "action": self.permission_action}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, back_url=reverse(self.back_url), **kwargs)

    def form_valid(self, form):
        try:
            result = self.perform(Actor.from_request(self.request), form)
        except (ValidationError, UploadError) as exc:
            return self.form_invalid(with_errors(form, exc))
        messages.success(self.request, _("已保存"))
        # What was made has a page of its own, or (returned as None) is one row more on the list.
        return redirect(result.get_absolute_url() if result is not None else reverse(self.back_url))


def form_values(form_class, data) -> dict:
    """`data` checked by `form_class`; its errors, each named by the field's label, as a
    ValidationError (shown as a message by `ObjectView`)."""
    form = form_class(data)
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[f].label}: {e}" if f != "__all__" else e for f, es in form.errors.items() for e in es]
        )
    return form.cleaned_data


class ObjectView(ScopedTemplateView):
    """One in-scope object (404 otherwise); POST `op` (one of `ops`) runs `op_<op>`, one service
    call. With `edit_form_class`, `op=edit` saves that form through `edit_service` for users
    holding `edit_action` where the object is."""

    model = None
    ops: tuple[str, ...] = ()
    edit_action: str | None = None
    edit_form_class = None
    edit_service = None  # a service function, so set it as staticmethod(services.update_…)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.permission_action)

    @cached_property
    def object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def can_edit(self) -> bool:
        return self.edit_action is not None and can_at(self.request.user, self.edit_action, self.object.org.code)

    def get_context_data(self, edit_form=None, **kwargs):
        if self.edit_form_class is not None:
            # After a failed save the bound form comes back with its errors; else the object's own.
            if edit_form is None and self.can_edit:
                edit_form = self.edit_form_class(instance=self.object)
            kwargs.update(can_edit=self.can_edit, edit_form=edit_form)
        return super().get_context_data(
            object=self.object, breadcrumbs=breadcrumbs(self.request.user, self.object.org), **kwargs
        )

    def post(self, request, *args, **kwargs):
        op = request.POST.get("op", "")
        if op not in self.ops:
            messages.error(request, _("无效的操作"))
            return redirect(request.path)
        obj = self.object  # 404 before anything else when out of scope
        try:
            # A handler returns a response only to show its form again with errors.
            response = getattr(self, f"op_{op}")(Actor.from_request(request), obj, request.POST)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            response = None
        return response if response is not None else redirect(request.path)

    def op_edit(self, actor, obj, data):
        # Validation writes into the form's instance: give it a copy, so that a page shown again
        # with the form's errors still shows the object as saved.
        form = self.edit_form_class(data, instance=self.model.objects.get(pk=obj.pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(edit_form=form))
        self.edit_service(actor, obj, **form.values())
        messages.success(self.request, _("已保存"))
