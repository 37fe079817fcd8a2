"""The registers over the API, under the same addresses as when they were part of 党群连心
(/api/v1/liaison/households/ …): the same scope (`restrict`) and the same services as the pages.
Serializers list their fields; personal data is written in full and read back masked; the org
comes from a village code the user may edit (security.md items 8 and 12). An ID number is
accepted only with the day the person consented to it being kept (`consent_on`, item 22). The viewset base and
the village check are shared with the apps built on the registers."""

from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from lianxin.core.api import ActionPerVerb, ScopedViewSetMixin, api_router, call_service
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.core.views import actor
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers import services
from lianxin.registers.models import Cadre, Household, HouseholdLink, PartyMember
from lianxin.registers.plugin import Action

Code = serializers.SlugRelatedField
# Consent to keeping the ID number: `consent_on` is written with a new ID number, the rest is read.
CONSENT = ["consent_given", "consent_on", "consent_by"]


class SectionViewSet(
    ActionPerVerb, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reading needs `read_permission`; each write names its own action in `action_permissions`."""

    def get_queryset(self):
        # Writes look objects up among those the user may *see*; the service then checks the
        # write permission at the object's org (403), so out of sight stays 404.
        return self.model.objects.restrict(self.request.user, self.read_permission)

    def actor(self):
        return actor(self.request)

    def limit_choices(self, serializer, **querysets):
        """Point the serializer's related fields at in-scope rows only (a detail serializer)."""
        if hasattr(serializer, "fields") and not isinstance(serializer, serializers.ListSerializer):
            for name, queryset in querysets.items():
                serializer.fields[name].queryset = queryset
        return serializer


def village_in_scope(user, code: str, action: str) -> Org:
    org = Org.objects.restrict(user, action).filter(code=str(code).strip(), kind__in=GRASSROOTS_KINDS).first()
    if org is None:
        raise ValidationError({"village": [_("村代码不存在、不是村（社区）或不在您的范围内")]})
    return org


class HouseholdSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="村代码")
    village = serializers.CharField(write_only=True, label="村代码（新增时）")
    head_id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, label="户主身份证号")
    head_id_masked = serializers.SerializerMethodField(label="户主身份证号（脱敏）")
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True, label="联系电话")
    phone_masked = serializers.SerializerMethodField(label="联系电话（脱敏）")

    class Meta:
        model = Household
        fields = [
            "id",
            "org",
            "village",
            "number",
            "head_name",
            "head_id_number",
            "head_id_masked",
            "size",
            "group",
            "address",
            "phone",
            "phone_masked",
            "tags",
            *CONSENT,
            "status",
            "left_on",
        ]
        read_only_fields = ["consent_given", "consent_by", "status", "left_on"]

    def get_head_id_masked(self, obj) -> str:
        return mask_id_card(obj.head_id_number)

    def get_phone_masked(self, obj) -> str:
        return mask_phone(obj.phone)


class MemberSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True, label="村代码")
    village = serializers.CharField(write_only=True, label="村代码（新增时）")
    mobile = serializers.CharField(write_only=True, required=False, allow_blank=True, label="手机号")
    mobile_masked = serializers.SerializerMethodField(label="手机号（脱敏）")
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, label="身份证号")
    id_masked = serializers.SerializerMethodField(label="身份证号（脱敏）")
    under_35 = serializers.BooleanField(read_only=True, label="35岁以下")

    class Meta:
        model = PartyMember
        fields = [
            "id",
            "org",
            "village",
            "name",
            "gender",
            "birth_date",
            "joined_on",
            "post",
            "mobile",
            "mobile_masked",
            "id_number",
            "id_masked",
            "under_35",
            *CONSENT,
        ]
        read_only_fields = ["consent_given", "consent_by"]

    def get_mobile_masked(self, obj) -> str:
        return mask_mobile(obj.mobile)

    def get_id_masked(self, obj) -> str:
        return mask_id_card(obj.id_number)


class LinkSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)

    class Meta:
        model = HouseholdLink
        fields = ["id", "org", "member", "household", "linked_on"]
        read_only_fields = ["id", "org", "linked_on"]


class CadreSerializer(serializers.ModelSerializer):
    org = Code(slug_field="code", read_only=True)
    mobile_masked = serializers.SerializerMethodField(label="手机号（脱敏）")

    class Meta:
        model = Cadre
        fields = ["id", "org", "name", "unit", "post", "mobile_masked"]

    def get_mobile_masked(self, obj) -> str:
        return mask_mobile(obj.mobile)


class RegisterViewSet(SectionViewSet):
    read_permission = Action.REGISTERS_VIEW


class RollViewSet(mixins.CreateModelMixin, RegisterViewSet):
    """A village's households or members: added by a user who may edit that village."""

    action_permissions = {"create": Action.REGISTERS_EDIT}
    create_service = None  # set as staticmethod(services.create_…)
    order_by: tuple[str, ...] = ()

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by(*self.order_by)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        village = village_in_scope(self.request.user, data.pop("village"), Action.REGISTERS_EDIT)
        serializer.instance = call_service(self.create_service, self.actor(), village, **data)


class HouseholdViewSet(RollViewSet):
    """农户. Personal data is written in full and read back masked."""

    model = Household
    serializer_class = HouseholdSerializer
    create_service = staticmethod(services.create_household)
    order_by = ("org__code", "number")


class MemberViewSet(RollViewSet):
    """党员."""

    model = PartyMember
    serializer_class = MemberSerializer
    create_service = staticmethod(services.create_member)
    order_by = ("org__code", "name")


class LinkViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, RegisterViewSet):
    """党员联户: link a member to a household, or remove the link."""

    model = HouseholdLink
    serializer_class = LinkSerializer
    action_permissions = {"create": Action.REGISTERS_EDIT, "destroy": Action.REGISTERS_EDIT}

    def get_serializer(self, *args, **kwargs):
        user = self.request.user
        return self.limit_choices(
            super().get_serializer(*args, **kwargs),
            member=PartyMember.objects.restrict(user, Action.REGISTERS_VIEW),
            household=Household.objects.restrict(user, Action.REGISTERS_VIEW),
        )

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = call_service(services.link_household, self.actor(), data["member"], data["household"])

    def perform_destroy(self, instance):
        call_service(services.unlink_household, self.actor(), instance)


class CadreViewSet(RegisterViewSet):
    """组工干部."""

    model = Cadre
    serializer_class = CadreSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("org").order_by("name")


for prefix, viewset, basename in [
    ("liaison/households", HouseholdViewSet, "registers-household"),
    ("liaison/members", MemberViewSet, "registers-member"),
    ("liaison/links", LinkViewSet, "registers-link"),
    ("liaison/cadres", CadreViewSet, "registers-cadre"),
]:
    api_router.register(prefix, viewset, basename=basename)
