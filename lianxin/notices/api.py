"""Notices over the API: the notices a user's units sent (with counts), and the user's own
received copies. Read-only: sending, replying and reminding are done on the pages, where the
files are uploaded."""

from rest_framework import serializers

from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.notices.models import Notice, NoticeReceipt
from lianxin.notices.plugin import Action


class NoticeSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="发文单位代码")

    class Meta:
        model = Notice
        fields = ["id", "org", "title", "body", "deadline", "reply", "audience", "sent_at", "units_total"]


class ReceiptSerializer(serializers.ModelSerializer):
    notice = NoticeSerializer(read_only=True)
    unit = serializers.CharField(source="unit.org.code", read_only=True, label="接收单位代码")
    replied_at = serializers.DateTimeField(source="unit.replied_at", read_only=True, allow_null=True, label="回复时间")

    class Meta:
        model = NoticeReceipt
        fields = ["id", "notice", "unit", "read_at", "replied_at"]


class NoticeViewSet(ScopedReadOnlyViewSet):
    """通知 sent by the user's units (and those below them)."""

    permission_action = Action.NOTICES_SEND
    model = Notice
    serializer_class = NoticeSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org")


class ReceiptViewSet(ScopedReadOnlyViewSet):
    """The user's own received notices; reading them here does not mark them read."""

    permission_action = Action.NOTICES_READ
    model = NoticeReceipt
    serializer_class = ReceiptSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return super().get_queryset().none()
        mine = super().get_queryset().filter(user=self.request.user)
        return mine.select_related("notice__org", "unit__org")


api_router.register("notices/sent", NoticeViewSet, basename="notice")
api_router.register("notices/inbox", ReceiptViewSet, basename="notice-receipt")
