"""The registers' pages: household and member lists (masked, exportable), adding by hand or by
Excel import, and each household's and member's page, whose operations (editing, linking,
consent to keeping the ID number and, for households, leaving the village) are the core's
`Operation`s. Apps built on the registers add panels to those pages (registers.extensions). A
person's full record and their data export sit behind a confirmation page with a reason
(PersonalDataView, registers/privacy.py)."""

import copy

from django.db.models import Count, Prefetch
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from lianxin.core.excel import attachment
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.core.ratelimit import check_export
from lianxin.core.views import ImportView, ObjectOperationsView, Operation, ScopedObjectMixin, actor, pick_form
from lianxin.orgs.views import breadcrumbs
from lianxin.registers import forms, importer, privacy, services
from lianxin.registers.extensions import panels_for
from lianxin.registers.filters import HouseholdFilter, MemberFilter
from lianxin.registers.models import Household, HouseholdLink, PartyMember
from lianxin.registers.plugin import Action
from lianxin.registers.sections import SectionFormView, SectionListView
from lianxin.registers.tables import HouseholdTable, MemberTable

V, EDIT = Action.REGISTERS_VIEW, Action.REGISTERS_EDIT


class HouseholdListView(SectionListView):
    permission_action = V
    model = Household
    table_class = HouseholdTable
    page_by_keys = True  # a county holds hundreds of thousands of households (KeysFirst)
    filterset_class = HouseholdFilter
    title = _("农户")
    export_filename = "农户.xlsx"
    buttons = (
        ("registers:household_create", _("新增农户"), "plus", EDIT),
        ("registers:household_import", _("Excel 导入"), "upload", EDIT),
    )

    def get_queryset(self):
        links = HouseholdLink.objects.select_related("member")
        return super().get_queryset().prefetch_related(Prefetch("links", queryset=links))


class MemberListView(SectionListView):
    permission_action = V
    model = PartyMember
    table_class = MemberTable
    filterset_class = MemberFilter
    title = _("党员")
    export_filename = "党员.xlsx"
    buttons = (
        ("registers:member_create", _("新增党员"), "plus", EDIT),
        ("registers:member_import", _("Excel 导入"), "upload", EDIT),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(linked=Count("links")).order_by("org__code", "name")


class HouseholdCreateView(SectionFormView):
    permission_action = EDIT
    form_class = forms.HouseholdForm
    title = _("新增农户")
    back_url = "registers:household_list"

    def perform(self, actor, form):
        village = form.cleaned_data["village"]
        return services.create_household(actor, village, consent_on=form.consent_on(), **form.service_arguments())


class MemberCreateView(SectionFormView):
    permission_action = EDIT
    form_class = forms.MemberForm
    title = _("新增党员")
    back_url = "registers:member_list"

    def perform(self, actor, form):
        village = form.cleaned_data["village"]
        return services.create_member(actor, village, consent_on=form.consent_on(), **form.service_arguments())


class HouseholdImportView(ImportView):
    permission_action = EDIT
    title = _("导入农户")
    back_url = reverse_lazy("registers:household_list")
    header, example = importer.HOUSEHOLDS.header, importer.HOUSEHOLDS.example

    def run_import(self, actor, data):
        return importer.import_households(actor, data)


class MemberImportView(ImportView):
    permission_action = EDIT
    title = _("导入党员")
    back_url = reverse_lazy("registers:member_list")
    header, example = importer.MEMBERS.header, importer.MEMBERS.example

    def run_import(self, actor, data):
        return importer.import_members(actor, data)


# --- a household's and a member's page ----------------------------------------------------------


def _link_member(actor, household, member):
    return services.link_household(actor, member, household)


def _link_households(actor, member, household):
    for one in household:  # the households chosen
        services.link_household(actor, member, one)


def _unlink(actor, member, link):
    services.unlink_household(actor, link)


def person_operations(edit_service, edit_form) -> dict[str, Operation]:
    """What both pages offer: editing the record (inline: its errors come back on the form), and
    recording or withdrawing consent to keeping the ID number."""
    return {
        "edit": Operation(edit_service, _("已保存"), EDIT, form=edit_form, inline=True),
        "consent": Operation(services.record_consent, _("已登记本人同意"), EDIT, form=forms.ConsentForm),
        "withdraw": Operation(services.withdraw_consent, _("已撤回同意，身份证号已删除"), EDIT),
    }


class RegisterObjectView(ObjectOperationsView):
    """A household's or a member's page: the person's own record, their panels from the apps
    built on the registers, and for users who may edit the village the privacy card."""

    permission_action = V
    personal_url_name = ""  # the person's PersonalDataView

    def operation_form_kwargs(self, name):
        if name == "edit":
            # Validation writes into the form's instance: give it a copy, so that a page shown
            # again with the form's errors still shows the object as saved.
            return {"instance": copy.copy(self.object)}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["can"]["consent"]:
            context.update(
                consent_form=forms.ConsentForm(),
                personal_url=reverse(self.personal_url_name, kwargs={"pk": self.object.pk}),
            )
        context.update(
            panels=panels_for(self.request, self.object), breadcrumbs=breadcrumbs(self.request.user, self.object.org)
        )
        return context


class HouseholdDetailView(RegisterObjectView):
    model = Household
    template_name = "registers/household_detail.html"
    personal_url_name = "registers:household_personal"
    operations = person_operations(services.update_household, forms.HouseholdForm) | {
        "link": Operation(_link_member, _("已联户"), EDIT, form=pick_form("member", _("联户党员"))),
        "leave": Operation(services.record_departure, _("已登记迁出/注销"), EDIT, form=forms.DepartureForm),
        "return": Operation(services.cancel_departure, _("已恢复在册"), EDIT),
    }

    def village_members(self):
        return PartyMember.objects.restrict(self.request.user, EDIT).filter(org=self.object.org).order_by("name")

    def operation_form_kwargs(self, name):
        if name == "link":
            return {"queryset": self.village_members()}
        return super().operation_form_kwargs(name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        h, can = self.object, context["can"]
        return context | {
            "village": h.org,
            "id_masked": mask_id_card(h.head_id_number),
            "phone_masked": mask_phone(h.phone),
            "link": h.links.select_related("member").first(),
            "members": self.village_members() if can["link"] else [],
            "departure_form": forms.DepartureForm() if can["leave"] else None,
        }


class MemberDetailView(RegisterObjectView):
    model = PartyMember
    template_name = "registers/member_detail.html"
    personal_url_name = "registers:member_personal"
    operations = person_operations(services.update_member, forms.MemberForm) | {
        "link": Operation(_link_households, _("已联户"), EDIT, form=forms.LinkHouseholdsForm),
        "unlink": Operation(_unlink, _("已解除联户"), EDIT, form=pick_form("link", _("联户"))),
    }

    def village_households(self):
        return Household.objects.restrict(self.request.user, EDIT).filter(org=self.object.org)

    def operation_form_kwargs(self, name):
        if name == "link":
            return {"queryset": self.village_households()}
        if name == "unlink":
            return {"queryset": self.object.links.all()}
        return super().operation_form_kwargs(name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        m = self.object
        unlinked = self.village_households().filter(links__isnull=True).order_by("number")
        return context | {
            "mobile_masked": mask_mobile(m.mobile),
            "id_masked": mask_id_card(m.id_number),
            "links": m.links.select_related("household").order_by("household__number"),
            "unlinked": unlinked if context["can"]["link"] else [],
        }


@method_decorator(never_cache, name="dispatch")
class PersonalDataView(ScopedObjectMixin, TemplateView):
    """查看完整信息 and 导出个人信息 for one person, for users who may edit the person's village
    (others: 403, or 404 out of scope). GET asks for the reason; POST with `do=reveal` shows the
    ID number and phone in full, with `do=export` downloads the person's data; each is an audit
    event with the reason. Never cached: the full numbers live only in this one response."""

    permission_action = EDIT
    template_name = "registers/personal.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", forms.ReasonForm())
        return super().get_context_data(
            object=self.object, breadcrumbs=breadcrumbs(self.request.user, self.object.org), **kwargs
        )

    def post(self, request, *args, **kwargs):
        person = self.object  # 404 before anything else when out of scope
        form = forms.ReasonForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        who, reason = actor(request), form.cleaned_data["reason"]
        if request.POST.get("do") == "export":
            return self.export(who, person, reason)
        revealed = privacy.reveal(who, person, reason)
        return self.render_to_response(self.get_context_data(form=form, revealed=revealed))

    def export(self, who, person, reason):
        # Counted before the workbook is built and the export audited: a refused export (429)
        # leaves no trace of having happened.
        check_export(self.request)
        return attachment(privacy.export_person(who, person, reason), f"个人信息-{person.pk}.xlsx")
