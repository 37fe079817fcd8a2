"""The core's one page of its own: the user's reminders (the bell)."""

from django.shortcuts import redirect
from django.views.generic import ListView

from lianxin.core import notifications
from lianxin.core.views.base import ActionRequiredMixin


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
