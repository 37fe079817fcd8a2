"""The auditor's read-only pages: there is no page that edits or deletes an event."""

import json

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from lianxin.accounts.roles import Action
from lianxin.audit.filters import AuditEventFilter
from lianxin.audit.labels import action_label
from lianxin.audit.models import AuditEvent
from lianxin.audit.tables import AuditEventTable
from lianxin.core.personal import masked_for_label
from lianxin.core.views import ScopedListView, ScopedObjectMixin


class EventListView(ScopedListView):
    permission_action = Action.AUDIT_VIEW
    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    title = _("审计日志")
    export_filename = "审计日志.xlsx"


class EventDetailView(ScopedObjectMixin, TemplateView):
    permission_action = Action.AUDIT_VIEW
    model = AuditEvent
    lookup_field = "seq"
    template_name = "audit/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            event=event,
            action_label=action_label(event.action),
            before_text=_pretty(masked_for_label(event.object_type, event.before)),
            after_text=_pretty(masked_for_label(event.object_type, event.after)),
            **kwargs,
        )


def _pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) if value is not None else ""
