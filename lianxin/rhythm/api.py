"""Bulletins over the API: the archive with each bulletin's figures as published. Read-only:
generating is the page's (and the weekly command's)."""

from rest_framework import serializers

from lianxin.core.api import ScopedReadOnlyViewSet, api_router
from lianxin.rhythm.models import Bulletin
from lianxin.rhythm.plugin import Action


class BulletinSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True, label="通报单位代码")

    class Meta:
        model = Bulletin
        fields = [
            "id",
            "org",
            "week_start",
            "number",
            "status",
            "percent",
            "red_codes",
            "figures",
            "error",
            "finished_at",
        ]


class BulletinViewSet(ScopedReadOnlyViewSet):
    """周通报 of the user's county or city (and those within the user's scope)."""

    permission_action = Action.RHYTHM_VIEW
    model = Bulletin
    serializer_class = BulletinSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("-week_start", "org__code")


api_router.register("rhythm/bulletins", BulletinViewSet, basename="bulletin")
