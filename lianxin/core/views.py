"""Base views. Every page names the action it needs (`permission_action`); lists and details
take their rows from `Model.objects.restrict(user, action)` and nowhere else, so scope is
applied once, here, for every page and export (architecture §2). Also the core's one page of
its own: the user's reminders (the bell), and the site's 404."""

from itertools import islice

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from rest_framework.exceptions import NotFound

from lianxin.core import notifications
from lianxin.core.excel import xlsx_response

EXPORT_ROW_LIMIT = 100_000


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
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", None) or [str(exc) or _("没有权限")]:
            messages.error(request, message)
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


class ScopedListView(ScopedMixin, SingleTableMixin, FilterView):
    """A sortable, filterable, paginated table of in-scope rows; `?export=xlsx` downloads the
    same rows (all pages, current filters) as Excel."""

    paginate_by = 50
    export_filename = "导出.xlsx"
    export_exclude: tuple[str, ...] = ()
    template_name = "core/list.html"
    title = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        table = self.get_table_class()(rows, order_by=self.request.GET.get("sort"))
        values = table.as_values(exclude_columns=self.export_exclude)
        header = next(values)
        return xlsx_response(
            self.export_filename, header, islice(values, EXPORT_ROW_LIMIT), title=self.title or "Sheet1"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        query.pop("page", None)
        context.update(title=self.title, export_query=query.urlencode())
        return context


class ScopedTemplateView(ActionRequiredMixin, TemplateView):
    pass


class NotificationListView(ActionRequiredMixin, ListView):
    """The user's own reminders, newest first; each opens the page it is about. Nobody else's
    are reachable: the rows come from `notifications.of(user)`."""

    permission_action = None
    template_name = "core/notifications.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return notifications.of(self.request.user)

    def post(self, request, *args, **kwargs):
        notifications.mark_all_read(request.user)
        return redirect("core:notifications")


def not_found(request, exception):
    """404 for an address no route matches (`handler404`): under /api/ the JSON body the API's
    clients read and its schema documents — an id like `1.5` or a code like `abc` fails the
    route's pattern before any API view sees it — elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
