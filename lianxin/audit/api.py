from rest_framework import serializers

from lianxin.accounts.roles import Action
from lianxin.audit.models import AuditEvent
from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.core.personal import masked_for_label


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "created_at",
            "username",
            "ip",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "org_code",
            "result",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]

    def to_representation(self, event):
        data = super().to_representation(event)
        for key in ("before", "after"):
            data[key] = masked_for_label(event.object_type, data[key])
        return data


class AuditEventViewSet(ScopedReadOnlyViewSet):
    """The audit log, read-only, for auditors within their scope."""

    model = AuditEvent
    serializer_class = AuditEventSerializer
    permission_action = Action.AUDIT_VIEW
    lookup_field = "seq"

    def get_queryset(self):
        return super().get_queryset().order_by("-seq")


api_router.register("audit-events", AuditEventViewSet, basename="audit-event")
