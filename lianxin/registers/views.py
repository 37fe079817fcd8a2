"""The registers' pages: household and member lists (masked, exportable), adding by hand or by
Excel import, and each household's and member's page with editing and linking. Apps built on the
registers add panels to those pages (registers.extensions)."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from lianxin.audit.services import Actor
from lianxin.core.excel import xlsx_response
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin
from lianxin.registers import forms, importer, services
from lianxin.registers.extensions import panels_for
from lianxin.registers.filters import HouseholdFilter, MemberFilter
from lianxin.registers.models import Household, HouseholdLink, PartyMember
from lianxin.registers.pages import ObjectView, SectionListView, ServiceFormView
from lianxin.registers.plugin import Action
from lianxin.registers.tables import HouseholdTable, MemberTable

V, EDIT = Action.REGISTERS_VIEW, Action.REGISTERS_EDIT


class HouseholdListView(SectionListView):
    permission_action = V
    model = Household
    table_class = HouseholdTable
    filterset_class = HouseholdFilter
    title = gettext_lazy("农户")
    export_filename = "农户.xlsx"
    buttons = (
        ("registers:household_create", gettext_lazy("新增农户"), "plus", EDIT),
        ("registers:household_import", gettext_lazy("Excel 导入"), "upload", EDIT),
    )

    def get_queryset(self):
        links = HouseholdLink.objects.select_related("member")
        return super().get_queryset().prefetch_related(Prefetch("links", queryset=links))


class MemberListView(SectionListView):
    permission_action = V
    model = PartyMember
    table_class = MemberTable
    filterset_class = MemberFilter
    title = gettext_lazy("党员")
    export_filename = "党员.xlsx"
    buttons = (
        ("registers:member_create", gettext_lazy("新增党员"), "plus", EDIT),
        ("registers:member_import", gettext_lazy("Excel 导入"), "upload", EDIT),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(linked=Count("links")).order_by("org__code", "name")


class HouseholdCreateView(ServiceFormView):
    permission_action = EDIT
    form_class = forms.HouseholdForm
    title = gettext_lazy("新增农户")
    back_url = "registers:household_list"

    def perform(self, actor, form):
        return services.create_household(actor, form.cleaned_data["village"], **form.values())


class MemberCreateView(ServiceFormView):
    permission_action = EDIT
    form_class = forms.MemberForm
    title = gettext_lazy("新增党员")
    back_url = "registers:member_list"

    def perform(self, actor, form):
        return services.create_member(actor, form.cleaned_data["village"], **form.values())


class ImportSpec(NamedTuple):
    title: str
    sheet: importer.Sheet
    run: Callable[[Actor, bytes], dict]  # reads the upload, returns the counts
    back_url: str


class ImportView(ActionRequiredMixin, FormView):
    permission_action = EDIT
    form_class = forms.ImportForm
    template_name = "registers/import.html"
    kind = ""

    SPECS = {
        "households": ImportSpec(
            gettext_lazy("导入农户"), importer.HOUSEHOLDS, importer.import_households, "registers:household_list"
        ),
        "members": ImportSpec(
            gettext_lazy("导入党员"), importer.MEMBERS, importer.import_members, "registers:member_list"
        ),
    }

    @property
    def spec(self) -> ImportSpec:
        return self.SPECS[self.kind]

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            check_export(request)
            title, sheet = self.spec.title, self.spec.sheet
            return xlsx_response(f"{title}模板.xlsx", sheet.header, [sheet.example], title=str(title))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.spec.title, header=self.spec.sheet.header, back_url=reverse(self.spec.back_url), **kwargs
        )

    def form_valid(self, form):
        try:
            result = self.spec.run(Actor.from_request(self.request), read_upload(form.cleaned_data["file"]))
        except UploadError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except importer.RowErrors as exc:
            return self.render_to_response(self.get_context_data(form=form, row_errors=exc.errors))
        messages.success(self.request, _("导入完成：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d") % result)
        return redirect(self.spec.back_url)


class RegisterObjectView(ObjectView):
    permission_action = V
    edit_action = EDIT

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=panels_for(self.request, self.object), **kwargs)


class HouseholdDetailView(RegisterObjectView):
    model = Household
    template_name = "registers/household_detail.html"
    ops = ("edit", "link")
    edit_form_class = forms.HouseholdForm
    edit_service = staticmethod(services.update_household)

    def get_context_data(self, **kwargs):
        h = self.object
        return super().get_context_data(
            village=h.org,
            id_masked=mask_id_card(h.head_id_number),
            phone_masked=mask_phone(h.phone),
            link=h.links.select_related("member").first(),
            members=PartyMember.objects.filter(org=h.org).order_by("name") if self.can_edit else [],
            **kwargs,
        )

    def op_link(self, actor, h, data):
        member = get_object_or_404(PartyMember.objects.restrict(self.request.user, V), pk=data.get("member") or 0)
        services.link_household(actor, member, h)
        messages.success(self.request, _("已联户"))


class MemberDetailView(RegisterObjectView):
    model = PartyMember
    template_name = "registers/member_detail.html"
    ops = ("link", "unlink", "edit")
    edit_form_class = forms.MemberForm
    edit_service = staticmethod(services.update_member)

    def get_context_data(self, **kwargs):
        m = self.object
        unlinked = Household.objects.filter(org=m.org, links__isnull=True).order_by("number")
        return super().get_context_data(
            mobile_masked=mask_mobile(m.mobile),
            id_masked=mask_id_card(m.id_number),
            links=m.links.select_related("household").order_by("household__number"),
            unlinked=unlinked if self.can_edit else [],
            **kwargs,
        )

    def op_link(self, actor, m, data):
        ids = data.getlist("household")
        households = Household.objects.restrict(self.request.user, V).filter(pk__in=[i for i in ids if i.isdigit()])
        for h in households:
            services.link_household(actor, m, h)
        messages.success(self.request, _("已联系 %(n)d 户") % {"n": len(households)})

    def op_unlink(self, actor, m, data):
        link = get_object_or_404(
            HouseholdLink.objects.restrict(self.request.user, V), pk=data.get("link") or 0, member=m
        )
        services.unlink_household(actor, link)
        messages.success(self.request, _("已解除联户"))
