"""What the 党群连心 apps (registers, liaison, guidance) add to the core's views: their lists sit
under the section's tabs with the buttons the user may use, and their create forms offer only the
villages (and cadres, matters) where the user may act."""

from django.urls import reverse

from lianxin.core.views import ScopedListView, ServiceFormView


class SectionListView(ScopedListView):
    template_name = "registers/list.html"
    buttons: tuple[tuple[str, str, str, str], ...] = ()  # (url name, label, icon, action)
    select_related: tuple[str, ...] = ("org",)  # what each row's columns show
    # Relations read per row but better fetched for the page's rows alone: a LEFT JOIN on a
    # reverse one-to-one can cost a scan per row when most rows have none.
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        return super().get_queryset().select_related(*self.select_related).prefetch_related(*self.prefetch_related)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["buttons"] = [
            {"url": reverse(name), "label": label, "icon": icon}
            for name, label, icon, action in self.buttons
            if user.can(action)
        ]
        return context


class SectionFormView(ServiceFormView):
    """A create form whose choices are limited to where the user may perform the page's action."""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | self.extra_form_kwargs()

    def extra_form_kwargs(self) -> dict:
        return {"user": self.request.user, "action": self.permission_action}
