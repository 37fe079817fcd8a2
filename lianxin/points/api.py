"""Points over the API: the same scope and services as the pages; balances, stock and statuses
are read-only — the services set them (security.md item 8). Households appear by id and number
only, so no personal data of theirs goes out here."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from lianxin.core.api import api_router, call_service, validated
from lianxin.points import services
from lianxin.points.models import Account, Entry, Goods, Redemption, Rule
from lianxin.points.plugin import Action
from lianxin.registers.api import Code, SectionViewSet
from lianxin.registers.models import Household


class RuleSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Rule
        fields = ["id", "org", "name", "points", "limit", "period", "active"]


class AccountSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    household_number = serializers.CharField(source="household.number", read_only=True)

    class Meta:
        model = Account
        fields = ["id", "org", "household", "household_number", "balance"]


class PointsEntrySerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Entry
        fields = ["id", "org", "account", "rule", "points", "date", "note", "status", "decided_at", "reason"]


class GoodsSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Goods
        fields = ["id", "org", "name", "price", "stock", "active"]


class RedemptionSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = Redemption
        fields = ["id", "org", "account", "goods", "quantity", "points", "date"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class RedeemSerializer(serializers.Serializer):
    household = serializers.IntegerField()
    goods = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=1, max_value=1000, default=1)


class PointsViewSet(SectionViewSet):
    read_permission = Action.POINTS_VIEW
    order_by: tuple[str, ...] = ("id",)

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by(*self.order_by)


class RuleViewSet(PointsViewSet):
    """积分规则: township templates and village rule books."""

    model, serializer_class = Rule, RuleSerializer


class AccountViewSet(PointsViewSet):
    """积分账户: balances per household."""

    model, serializer_class = Account, AccountSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("household")


class EntryViewSet(PointsViewSet):
    """积分记录: the secretary approves or rejects entries above the village's threshold."""

    model, serializer_class = Entry, PointsEntrySerializer
    order_by = ("-date", "-id")
    action_permissions = {"approve": Action.POINTS_APPROVE, "reject": Action.POINTS_APPROVE}

    @extend_schema(request=None, responses=PointsEntrySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        entry = call_service(services.approve_entry, self.actor(), self.get_object())
        return Response(PointsEntrySerializer(entry).data)

    @extend_schema(request=ReasonSerializer, responses=PointsEntrySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        entry = self.get_object()  # out of scope: 404 before the body is read
        reason = validated(ReasonSerializer, request)["reason"]
        entry = call_service(services.reject_entry, self.actor(), entry, reason)
        return Response(PointsEntrySerializer(entry).data)


class GoodsViewSet(PointsViewSet):
    """积分超市商品."""

    model, serializer_class = Goods, GoodsSerializer


class RedemptionViewSet(PointsViewSet):
    """积分兑换: POST redeems; neither the balance nor the stock can be overdrawn."""

    model, serializer_class = Redemption, RedemptionSerializer
    order_by = ("-date", "-id")
    action_permissions = {"redeem": Action.POINTS_REDEEM}

    @extend_schema(request=RedeemSerializer, responses=RedemptionSerializer)
    @action(detail=False, methods=["post"])
    def redeem(self, request):
        data = validated(RedeemSerializer, request)
        user = request.user
        household = Household.objects.restrict(user, Action.POINTS_VIEW).filter(pk=data["household"]).first()
        goods = Goods.objects.restrict(user, Action.POINTS_VIEW).filter(pk=data["goods"]).first()
        if household is None or goods is None:
            raise serializers.ValidationError({"detail": ["农户或商品不存在或不在您的范围内"]})
        done = call_service(services.redeem, self.actor(), household, goods, quantity=data["quantity"])
        return Response(RedemptionSerializer(done).data, status=201)


for prefix, viewset, basename in [
    ("points/rules", RuleViewSet, "points-rule"),
    ("points/accounts", AccountViewSet, "points-account"),
    ("points/entries", EntryViewSet, "points-entry"),
    ("points/goods", GoodsViewSet, "points-goods"),
    ("points/redemptions", RedemptionViewSet, "points-redemption"),
]:
    api_router.register(prefix, viewset, basename=basename)
