"""The registers' pages: household and member lists (masked, exportable), adding by hand or by
Excel import, and each household's and member's page with editing, linking, consent to keeping
the ID number and (households) leaving the village. Apps built on the registers add panels to
those pages (registers.extensions). A person's full record and their data export sit behind a
confirmation page with a reason (PersonalDataView, registers/privacy.py)."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from lianxin.audit.services import Actor
from lianxin.core.excel import attachment, xlsx_response
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin
from lianxin.orgs.views import breadcrumbs
from lianxin.registers import forms, importer, privacy, services
from lianxin.registers.extensions import panels_for
from lianxin.registers.filters import HouseholdFilter, MemberFilter
from lianxin.registers.models import Household, HouseholdLink, PartyMember
from lianxin.registers.pages import ObjectView, SectionListView, ServiceFormView, form_values
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
        village = form.cleaned_data["village"]
        return services.create_household(actor, village, consent_on=form.consent_on(), **form.values())


class MemberCreateView(ServiceFormView):
    permission_action = EDIT
    form_class = forms.MemberForm
    title = gettext_lazy("新增党员")
    back_url = "registers:member_list"

    def perform(self, actor, form):
        village = form.cleaned_data["village"]
        return services.create_member(actor, village, consent_on=form.consent_on(), **form.values())


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
    """A household's or a member's page; both record and withdraw consent to the ID number."""

    permission_action = V
    edit_action = EDIT
    personal_url_name = ""  # the person's PersonalDataView

    def get_context_data(self, **kwargs):
        if self.can_edit:
            kwargs["consent_form"] = forms.ConsentForm()
            kwargs["personal_url"] = reverse(self.personal_url_name, kwargs={"pk": self.object.pk})
        return super().get_context_data(panels=panels_for(self.request, self.object), **kwargs)

    def op_consent(self, actor, obj, data):
        services.record_consent(actor, obj, form_values(forms.ConsentForm, data)["consent_on"])
        messages.success(self.request, _("已登记本人同意"))

    def op_withdraw(self, actor, obj, data):
        services.withdraw_consent(actor, obj)
        messages.success(self.request, _("已撤回同意，身份证号已删除"))


class HouseholdDetailView(RegisterObjectView):
    model = Household
    template_name = "registers/household_detail.html"
    personal_url_name = "registers:household_personal"
    ops = ("edit", "link", "consent", "withdraw", "leave", "return")
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
            departure_form=forms.DepartureForm() if self.can_edit else None,
            **kwargs,
        )

    def op_leave(self, actor, h, data):
        values = form_values(forms.DepartureForm, data)
        services.record_departure(actor, h, values["status"], values["left_on"])
        messages.success(self.request, _("已登记迁出/注销"))

    def op_return(self, actor, h, data):
        services.cancel_departure(actor, h)
        messages.success(self.request, _("已恢复在册"))

    def op_link(self, actor, h, data):
        member = get_object_or_404(PartyMember.objects.restrict(self.request.user, V), pk=data.get("member") or 0)
        services.link_household(actor, member, h)
        messages.success(self.request, _("已联户"))


class MemberDetailView(RegisterObjectView):
    model = PartyMember
    template_name = "registers/member_detail.html"
    personal_url_name = "registers:member_personal"
    ops = ("link", "unlink", "edit", "consent", "withdraw")
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


@method_decorator(never_cache, name="dispatch")
class PersonalDataView(ActionRequiredMixin, TemplateView):
    """查看完整信息 and 导出个人信息 for one person, for users who may edit the person's village
    (others: 403, or 404 out of scope). GET asks for the reason; POST with `do=reveal` shows the
    ID number and phone in full, with `do=export` downloads the person's data; each is an audit
    event with the reason. Never cached: the full numbers live only in this one response."""

    permission_action = EDIT
    template_name = "registers/personal.html"
    model = None

    @cached_property
    def object(self):
        return get_object_or_404(
            self.model.objects.restrict(self.request.user, EDIT).select_related("org"), pk=self.kwargs["pk"]
        )

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
        actor, reason = Actor.from_request(request), form.cleaned_data["reason"]
        if request.POST.get("do") == "export":
            return self.export(actor, person, reason)
        revealed = privacy.reveal(actor, person, reason)
        return self.render_to_response(self.get_context_data(form=form, revealed=revealed))

    def export(self, actor, person, reason):
        # Counted before the workbook is built and the export audited: a refused export (429)
        # leaves no trace of having happened.
        check_export(self.request)
        return attachment(privacy.export_person(actor, person, reason), f"个人信息-{person.pk}.xlsx")
