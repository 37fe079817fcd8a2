"""Township declarations (乡镇申报) against the county's rule: the county's table, a township's
declaration form and the county's rule. The rule itself (its default and what meets it) lives in
the services."""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lianxin.core.excel import heading_for, xlsx_response
from lianxin.core.permissions import can_at
from lianxin.core.scope import in_range
from lianxin.core.views import ActionRequiredMixin, ExportMixin, ServiceFormView
from lianxin.core.years import request_year, year_choices
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.planning import services
from lianxin.planning.forms import DeclarationForm, RuleForm
from lianxin.planning.models import TownshipDeclaration
from lianxin.planning.plugin import Action


def county_of(user) -> Org | None:
    """The user's own county; for a city or province user, the first county they oversee."""
    org = user.home_org
    if org is None:
        return None
    if org.level >= OrgLevel.COUNTY:
        return Org.objects.filter(code=org.ancestor_code(OrgLevel.COUNTY)).first()
    return counties_in_scope(user).first()


def counties_in_scope(user):
    return Org.objects.restrict(user, Action.PLANS_VIEW).filter(level=OrgLevel.COUNTY, kind="county").order_by("code")


def _county_param(request) -> Org | None:
    code = request.GET.get("county", "")
    return Org.objects.filter(code=code, level=OrgLevel.COUNTY).first() if code.isdigit() else None


def scoped_org_or_above(user, county: Org) -> Org:
    """A county page is open to users inside the county (a township sees its county's rule)."""
    prefixes = user.scope_prefixes(Action.PLANS_VIEW)
    if not any(in_range(p, county.code) or in_range(county.code, p) for p in prefixes):
        raise Http404
    return county


def declarations_url(county_code: str, year: int) -> str:
    return reverse("planning:declarations") + f"?county={county_code}&year={year}"


class DeclarationListView(ActionRequiredMixin, ExportMixin, TemplateView):
    """Each township's declaration against the county rule: met / not met."""

    permission_action = Action.PLANS_VIEW
    template_name = "planning/declarations.html"

    def get_context_data(self, **kwargs):
        user, year = self.request.user, request_year(self.request)
        county = _county_param(self.request) or county_of(user)
        if county is None:
            raise Http404
        county = scoped_org_or_above(user, county)
        rule = services.rule_for(county, year)
        townships = Org.objects.restrict(user, self.permission_action).filter(parent=county, level=OrgLevel.TOWNSHIP)
        rows = services.declaration_rows(townships, year, rule)
        for row in rows:
            row.can_edit = can_at(user, Action.PLANS_REVIEW, row.township.code)
        return super().get_context_data(
            county=county,
            year=year,
            rule=rule,
            rows=rows,
            years=[y for y, _label in year_choices()],
            counties=counties_in_scope(user) if user.home_org.level < OrgLevel.COUNTY else [],
            can_rule=can_at(user, Action.PLANS_RULES, county.code),
            **kwargs,
        )

    def export(self):
        context = self.get_context_data()
        header = [_("乡镇（街道）"), _("拟创五星数"), _("拟创五星"), _("拟创四星数"), _("拟创四星"), _("是否达到要求")]
        rows = (
            [
                r.township.short_name,
                len(r.five),
                "、".join(v.short_name for v in r.five),
                len(r.four),
                "、".join(v.short_name for v in r.four),
                _("已达到") if r.met else _("未达到"),
            ]
            for r in context["rows"]
        )
        name = f"{context['county'].short_name}-{context['year']}-乡镇申报.xlsx"
        subject = _("乡镇申报")
        heading = heading_for(self.request.user, subject, org=context["county"], year=context["year"])
        return xlsx_response(name, header, rows, title=subject, heading=heading)


class DeclarationEditView(ServiceFormView):
    permission_action = Action.PLANS_REVIEW
    model = Org
    lookup_field = "code"
    form_class = DeclarationForm
    template_name = "planning/declaration_form.html"
    success_message = gettext_lazy("申报已保存")

    def get_queryset(self):
        return super().get_queryset().filter(level=OrgLevel.TOWNSHIP)

    @cached_property
    def year(self) -> int:
        return request_year(self.request)

    def get_form_kwargs(self):
        villages = Org.objects.filter(parent=self.object, kind__in=GRASSROOTS_KINDS).order_by("code")
        return super().get_form_kwargs() | {"villages": villages}

    def get_initial(self):
        found = TownshipDeclaration.objects.filter(org=self.object, year=self.year).first()
        return {"five_star": found.five_star.all(), "four_star": found.four_star.all()} if found else {}

    def get_back_url(self):
        return declarations_url(self.object.ancestor_code(OrgLevel.COUNTY), self.year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(township=self.object, year=self.year, **kwargs)

    def perform(self, actor, form):
        return services.save_declaration(actor, self.object, self.year, **form.cleaned_data)

    def get_success_url(self, result=None):
        return self.get_back_url()


class RuleEditView(ServiceFormView):
    permission_action = Action.PLANS_RULES
    model = Org
    lookup_field = "code"
    form_class = RuleForm
    template_name = "planning/rule_form.html"
    success_message = gettext_lazy("规则已保存")

    def get_queryset(self):
        return super().get_queryset().filter(level=OrgLevel.COUNTY)

    @cached_property
    def year(self) -> int:
        return request_year(self.request)

    def get_initial(self):
        rule = services.rule_for(self.object, self.year)
        return {"min_five_star": rule.min_five_star, "min_four_star": rule.min_four_star}

    def get_back_url(self):
        return declarations_url(self.object.code, self.year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(county=self.object, year=self.year, **kwargs)

    def perform(self, actor, form):
        return services.save_rule(actor, self.object, self.year, **form.cleaned_data)

    def get_success_url(self, result=None):
        return self.get_back_url()
