"""Points pages, built from the core's views: rows from `restrict()`, changes through
`services`, entries' operations offered by the services' `can_*` predicates; out of scope is
404. The public page of a household is in public.py."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation, ScopedTemplateView, ServiceFormView, service_perform
from lianxin.core.years import request_year
from lianxin.orgs.models import Org
from lianxin.points import filters, forms, queries, services, tables
from lianxin.points.models import Account, Donation, Entry, EntryPhoto, Goods, Redemption, Rule
from lianxin.points.plugin import Action
from lianxin.points.public import public_qr
from lianxin.registers.sections import SectionFormView, SectionListView

V, ENTER, APPROVE = Action.POINTS_VIEW, Action.POINTS_ENTER, Action.POINTS_APPROVE
MANAGE, REDEEM = Action.POINTS_MANAGE, Action.POINTS_REDEEM
NEW_ENTRY = ("points:entry_create", gettext_lazy("录入积分"), "plus", ENTER)
RANKING = ("points:ranking", gettext_lazy("积分排行"), "trophy", V)
RULES = ("points:rule_list", gettext_lazy("积分规则"), "list-check", V)
REDEEM_BUTTON = ("points:redemption_create", gettext_lazy("积分兑换"), "bag-check", REDEEM)


class EntryListView(SectionListView):
    permission_action = V
    model = Entry
    table_class = tables.EntryTable
    filterset_class = filters.EntryFilter
    title = gettext_lazy("幸福积分记录")
    export_filename = "幸福积分记录.xlsx"
    buttons = (NEW_ENTRY, RANKING, RULES, ("points:account_list", gettext_lazy("积分账户"), "wallet2", V))
    select_related = ("org", "rule", "account__household")


class AccountListView(SectionListView):
    permission_action = V
    model = Account
    table_class = tables.AccountTable
    filterset_class = filters.AccountFilter
    title = gettext_lazy("积分账户")
    export_filename = "积分账户.xlsx"
    buttons = (NEW_ENTRY, RANKING)
    select_related = ("org", "household")


class RankingView(SectionListView):
    """The year's points per household, ranked within each village (filter by village)."""

    permission_action = V
    model = Account
    table_class = tables.RankingTable
    filterset_class = filters.AccountFilter
    title = gettext_lazy("幸福积分排行")
    export_filename = "幸福积分排行.xlsx"
    select_related = ("org", "household")

    def get_queryset(self):
        year = request_year(self.request)
        return queries.with_year_points(super().get_queryset(), year).order_by("org__code", "rank", "household__number")


class RuleListView(SectionListView):
    permission_action = V
    model = Rule
    table_class = tables.RuleTable
    filterset_class = filters.RuleFilter
    title = gettext_lazy("积分规则（乡镇模板与村规则）")
    export_filename = "积分规则.xlsx"
    buttons = (
        ("points:rule_create", gettext_lazy("新增规则"), "plus", MANAGE),
        ("points:scheme_create", gettext_lazy("复制乡镇模板"), "files", MANAGE),
    )


class GoodsListView(SectionListView):
    permission_action = V
    model = Goods
    table_class = tables.GoodsTable
    filterset_class = filters.GoodsFilter
    title = gettext_lazy("积分超市")
    export_filename = "积分超市商品.xlsx"
    buttons = (
        REDEEM_BUTTON,
        ("points:goods_create", gettext_lazy("新增商品"), "plus", MANAGE),
        ("points:donation_create", gettext_lazy("捐赠入库"), "box-arrow-in-down", MANAGE),
        ("points:donation_list", gettext_lazy("道德银行台账"), "journal-text", V),
        ("points:redemption_list", gettext_lazy("兑换记录"), "receipt", V),
    )


class DonationListView(SectionListView):
    permission_action = V
    model = Donation
    table_class = tables.DonationTable
    filterset_class = filters.DonationFilter
    title = gettext_lazy("道德银行入库台账")
    export_filename = "道德银行入库台账.xlsx"
    select_related = ("org", "goods")


class RedemptionListView(SectionListView):
    permission_action = V
    model = Redemption
    table_class = tables.RedemptionTable
    filterset_class = filters.RedemptionFilter
    title = gettext_lazy("积分兑换记录")
    export_filename = "积分兑换记录.xlsx"
    buttons = (REDEEM_BUTTON,)
    select_related = ("org", "goods", "account__household")


# --- forms ------------------------------------------------------------------------------------


class EntryCreateView(SectionFormView):
    permission_action = ENTER
    form_class = forms.EntryForm
    title = gettext_lazy("录入幸福积分")
    back_url = "points:entry_list"

    perform = service_perform(services.enter_points, "household", "rule")


class RuleCreateView(SectionFormView):
    permission_action = MANAGE
    form_class = forms.RuleForm
    title = gettext_lazy("新增积分规则")
    back_url = success_url = "points:rule_list"

    def extra_form_kwargs(self):
        return {}

    def perform(self, actor, form):
        data = form.cleaned_data
        book = get_object_or_404(Org.objects.restrict(self.request.user, MANAGE), code=data["book_code"].strip())
        return services.add_rule(
            actor, book, name=data["name"], points=data["points"], limit=data["limit"], period=data["period"]
        )


class RuleEditView(ServiceFormView):
    """A rule's name, points and limit per period; the change is audited and holds from now on."""

    permission_action = MANAGE
    model = Rule
    form_class = forms.RuleChangeForm
    back_url = success_url = "points:rule_list"

    @property
    def title(self):
        return _("修改积分规则：%(name)s") % {"name": self.object.name}

    def get_initial(self):
        return {name: getattr(self.object, name) for name in services.RULE_FIELDS}

    def perform(self, actor, form):
        return services.change_rule(actor, self.object, **form.cleaned_data)


class RuleRetireView(ServiceFormView):
    """Retiring a rule asks for a confirmation first: no entries under it any more."""

    permission_action = MANAGE
    model = Rule
    form_class = forms.RetireForm
    back_url = success_url = "points:rule_list"
    success_message = gettext_lazy("已停用该积分规则")

    @property
    def title(self):
        return _("停用积分规则：%(rule)s") % {"rule": self.object}

    def perform(self, actor, form):
        return services.retire_rule(actor, self.object)


class SchemeCreateView(SectionFormView):
    permission_action = MANAGE
    form_class = forms.SchemeForm
    title = gettext_lazy("从乡镇模板复制积分规则")
    back_url = success_url = "points:rule_list"
    success_message = gettext_lazy("已复制乡镇模板，并设置自动生效上限")

    def perform(self, actor, form):
        data = form.cleaned_data
        scheme = services.copy_template(actor, data["village"], auto_approve_up_to=data["auto_approve_up_to"])
        return services.set_threshold(actor, scheme, data["auto_approve_up_to"])


class GoodsCreateView(SectionFormView):
    permission_action = MANAGE
    form_class = forms.GoodsForm
    title = gettext_lazy("新增积分超市商品")
    back_url = success_url = "points:goods_list"

    perform = service_perform(services.add_goods, "village")


class DonationCreateView(SectionFormView):
    permission_action = MANAGE
    form_class = forms.DonationForm
    title = gettext_lazy("捐赠入库（道德银行）")
    back_url = success_url = "points:donation_list"

    perform = service_perform(services.donate, "goods")


class RedemptionCreateView(SectionFormView):
    permission_action = REDEEM
    form_class = forms.RedemptionForm
    title = gettext_lazy("积分兑换")
    back_url = success_url = "points:redemption_list"

    perform = service_perform(services.redeem, "household", "goods")


# --- pages with their operations --------------------------------------------------------------


class EntryDetailView(ObjectOperationsView):
    permission_action = V
    model = Entry
    template_name = "points/entry_detail.html"
    operations = {
        "approve": Operation(services.approve_entry, gettext_lazy("已审核通过"), APPROVE, allowed=services.can_decide),
        "reject": Operation(
            services.reject_entry, gettext_lazy("已退回"), APPROVE, needs=("reason",), allowed=services.can_decide
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "rule", "account__household", "entered_by", "decided_by")


class AccountDetailView(ObjectOperationsView):
    """A household's balance and history: its entries and redemptions, and its QR code."""

    permission_action = V
    model = Account
    template_name = "points/account_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org", "household")

    def get_context_data(self, **kwargs):
        account = self.object
        return super().get_context_data(
            entries=account.entries.select_related("rule")[:200],
            redemptions=account.redemptions.select_related("goods")[:200],
            qr=public_qr(self.request, account),
            **kwargs,
        )


class PhotoView(ScopedTemplateView):
    """An entry's evidence photo (or its thumbnail with ?thumb=1), found through the entry's scope."""

    permission_action = V

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(EntryPhoto.objects.restrict(request.user, V), pk=kwargs["pk"])
        return photo.download(thumb=bool(request.GET.get("thumb")))
