"""The generic views themselves (core/views/): an object page's operations, a service form, an
Excel import and exports, each on a small page of its own over the org tree, served from this
module's URLs in front of the project's."""

import io

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse, JsonResponse
from django.urls import path
from openpyxl import Workbook, load_workbook

from lianxin.accounts import services as accounts
from lianxin.accounts.roles import Action, Role
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record
from lianxin.conftest import BOAI, MENGZHOU, PASSWORD, XIGUO
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.permissions import require
from lianxin.core.uploads import sheet_rows
from lianxin.core.views import (
    ExportMixin,
    ImportView,
    ObjectOperationsView,
    Operation,
    ScopedTemplateView,
    ServiceFormView,
)
from lianxin.orgs.models import Org
from lianxin.urls import urlpatterns as project_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


# --- a service and the pages built on it ---------------------------------------------------------


def note(actor, org, *, text):
    """A stand-in service: refuses like a real one, audits like a real one."""
    require(actor, Action.ORGS_MANAGE_UNITS, org.code)
    if text == "bad":
        raise ValidationError({"text": ["备注不能是 bad"]})
    if text == "refused":
        raise PermissionDenied("这条备注不许写")
    return record(actor, "test.org.note", obj=org, org_code=org.code, after={"text": text})


class NoteForm(forms.Form):
    text = forms.CharField(label="备注", max_length=10)


class OrgOperations(ObjectOperationsView):
    permission_action = Action.ORGS_VIEW
    model = Org
    lookup_field = "code"
    operations = {
        "note": Operation(note, "已记录", Action.ORGS_MANAGE_UNITS, form=NoteForm),
        "inline": Operation(note, "已记录", Action.ORGS_MANAGE_UNITS, form=NoteForm, inline=True),
        "plain": Operation(note, "已记录", Action.ORGS_MANAGE_UNITS, needs=("text",)),
        "anyone": Operation(note, "已记录", needs=("text",)),  # the service alone decides
        "never": Operation(note, "已记录", Action.ORGS_MANAGE_UNITS, allowed=lambda user, org: False),
    }

    def render_to_response(self, context, **kwargs):
        errors = {name: form.errors for name, form in context["forms"].items() if form.is_bound}
        return JsonResponse({"can": context["can"], "errors": errors})


class NoteFormView(ServiceFormView):
    permission_action = Action.ORGS_MANAGE_UNITS
    model = Org
    lookup_field = "code"
    form_class = NoteForm
    success_url = "home"

    def perform(self, actor, form):
        return note(actor, self.object, **form.cleaned_data)


class NoteImportView(ImportView):
    permission_action = Action.ORGS_MANAGE_UNITS
    title = "导入备注"
    back_url = "/"
    header = ["代码", "备注"]
    example = [XIGUO, "好"]

    def run_import(self, actor, data):
        rows = sheet_rows(data, self.header)
        orgs = {o.code: o for o in Org.objects.restrict(actor.user, self.permission_action)}
        errors = [f"第{n}行 列“代码”: {r['代码']} 不在范围内" for n, r in rows if r["代码"] not in orgs]
        if errors:
            raise RowErrors(errors)
        for _n, r in rows:
            note(actor, orgs[r["代码"]], text=r["备注"])
        return ImportReport(created=len(rows))


class CountedExport(ExportMixin, ScopedTemplateView):
    permission_action = Action.ORGS_VIEW
    built = 0

    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs) if request.GET else HttpResponse("page")

    def export(self):
        CountedExport.built += 1
        return HttpResponse("file")


urlpatterns = [
    path("generic/orgs/<str:code>/", OrgOperations.as_view()),
    path("generic/orgs/<str:code>/note/", NoteFormView.as_view()),
    path("generic/import/", NoteImportView.as_view()),
    path("generic/export/", CountedExport.as_view()),
    *project_urls,
]


def page(code=XIGUO):
    return f"/generic/orgs/{code}/"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def notes():
    return AuditEvent.objects.filter(action="test.org.note")


# --- ObjectOperationsView ---------------------------------------------------------------------------


class TestOperations:
    def test_the_page_says_which_operations_the_user_may_perform(self, login, users):
        office = login(users["office"]).get(page()).json()["can"]
        township = login(users["township"]).get(page()).json()["can"]
        assert office == {"note": True, "inline": True, "plain": True, "never": False}
        assert township == {"note": False, "inline": False, "plain": False, "never": False}

    def test_success_runs_the_service_once_and_is_audited(self, login, users):
        response = login(users["office"]).post(page(), {"op": "note", "text": "好"})
        assert response.status_code == 302 and response["Location"] == page()
        assert messages_of(response) == ["已记录"]
        event = notes().get()
        assert (event.username, event.org_code, event.after) == ("office", XIGUO, {"text": "好"})

    def test_a_user_without_the_operations_action_is_refused(self, login, users):
        assert login(users["township"]).post(page(), {"op": "note", "text": "好"}).status_code == 403
        assert not notes().exists()

    def test_the_action_is_checked_at_the_objects_org(self, login, users):
        """Managing units at 博爱县 does not reach 西虢镇, which the user sees as a township user."""
        both = accounts.create_user(
            Actor.system("tests"),
            username="both",
            password=PASSWORD,
            assignments=[(Role.TOWNSHIP, Org.objects.get(code=XIGUO)), (Role.OFFICE, Org.objects.get(code=BOAI))],
        )
        client = login(both)
        assert client.get(page()).json()["can"]["note"] is False
        assert client.post(page(), {"op": "note", "text": "好"}).status_code == 403
        assert not notes().exists()

    def test_an_object_out_of_scope_is_404_before_anything_runs(self, login, users):
        client = login(users["office_boai"])
        assert client.get(page()).status_code == 404
        assert client.post(page(), {"op": "note", "text": "好"}).status_code == 404
        assert client.post(page(), {"op": "nonsense"}).status_code == 404
        assert not notes().exists()

    @pytest.mark.parametrize("op", ["nonsense", "", "__class__", "get_context_data"])
    def test_an_unknown_operation_is_a_message_not_an_error(self, login, users, op):
        response = login(users["office"]).post(page(), {"op": op, "text": "好"})
        assert response.status_code == 302 and messages_of(response) == ["无效的操作"]
        assert not notes().exists()

    def test_a_broken_rule_is_a_message_on_the_page(self, login, users):
        response = login(users["office"]).post(page(), {"op": "note", "text": "bad"})
        assert response.status_code == 302 and messages_of(response) == ["备注不能是 bad"]
        assert not notes().exists()

    def test_a_refusal_inside_the_service_is_a_message(self, login, users):
        """An operation without an action leaves the decision to the service."""
        response = login(users["township"]).post(page(), {"op": "anyone", "text": "好"})
        assert response.status_code == 302 and messages_of(response) == ["没有权限"]
        response = login(users["office"]).post(page(), {"op": "anyone", "text": "refused"})
        assert messages_of(response) == ["这条备注不许写"]
        assert not notes().exists()

    def test_an_invalid_form_is_a_message_naming_the_field(self, login, users):
        response = login(users["office"]).post(page(), {"op": "note", "text": ""})
        assert response.status_code == 302 and messages_of(response) == ["备注：该字段是必填项。"]

    def test_an_inline_form_comes_back_with_its_errors(self, login, users):
        client = login(users["office"])
        response = client.post(page(), {"op": "inline", "text": "x" * 11})
        assert response.status_code == 200 and "text" in response.json()["errors"]["inline"]
        response = client.post(page(), {"op": "inline", "text": "bad"})
        assert response.json()["errors"]["inline"] == {"text": ["备注不能是 bad"]}
        assert not notes().exists()

    def test_plain_fields_reach_the_service(self, login, users):
        login(users["office"]).post(page(), {"op": "plain", "text": "直接"})
        assert notes().get().after == {"text": "直接"}


# --- ServiceFormView ------------------------------------------------------------------------------


class TestServiceForm:
    url = f"/generic/orgs/{XIGUO}/note/"

    def test_success_message_and_redirect(self, login, users):
        response = login(users["office"]).post(self.url, {"text": "好"})
        assert response.status_code == 302 and response["Location"] == "/"
        assert messages_of(response) == ["已保存"] and notes().count() == 1

    def test_a_broken_rule_lands_on_its_field(self, login, users):
        response = login(users["office"]).post(self.url, {"text": "bad"})
        assert response.status_code == 200
        assert response.context["form"].errors == {"text": ["备注不能是 bad"]}

    def test_a_refusal_is_a_message_and_the_form_again(self, login, users):
        response = login(users["office"]).post(self.url, {"text": "refused"})
        assert response.status_code == 200 and "这条备注不许写" in response.content.decode()
        assert not notes().exists()

    def test_the_object_comes_from_the_users_scope(self, login, users):
        assert login(users["office"]).get(self.url).status_code == 200
        assert login(users["office_boai"]).get(self.url).status_code == 404
        assert login(users["township"]).get(self.url).status_code == 403


# --- ImportView ------------------------------------------------------------------------------------


def workbook(rows, header=("代码", "备注")) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("notes.xlsx", buffer.getvalue())


class TestImport:
    url = "/generic/import/"

    def test_all_rows_or_none_with_every_bad_row_named(self, login, users):
        upload = workbook([[XIGUO, "好"], [BOAI, "外县"], ["410822001", "外县"]])
        response = login(users["office"]).post(self.url, {"file": upload})
        body = response.content.decode()
        assert response.status_code == 200 and "导入失败，未做任何修改" in body
        assert f"第3行 列“代码”: {BOAI} 不在范围内" in body and "第4行" in body
        assert not notes().exists()

    def test_a_good_file_is_imported_and_reported(self, login, users):
        response = login(users["office"]).post(self.url, {"file": workbook([[XIGUO, "好"], [MENGZHOU, "好"]])})
        assert response.status_code == 200 and response.context["report"] == ImportReport(created=2)
        assert "导入完成：新增 2，更新 0，未变 0" in response.content.decode()
        assert notes().count() == 2

    def test_a_file_that_is_not_excel_is_refused_on_the_form(self, login, users):
        fake = SimpleUploadedFile("notes.xlsx", b"MZ\x90\x00" + b"\x00" * 200)
        response = login(users["office"]).post(self.url, {"file": fake})
        assert response.status_code == 200 and "不是 Excel" in response.content.decode()

    def test_the_template_is_a_workbook_with_the_header(self, login, users):
        response = login(users["office"]).get(self.url + "?template=1")
        rows = list(load_workbook(io.BytesIO(response.content)).active.values)
        assert rows == [("代码", "备注"), (XIGUO, "好")]


# --- exports ---------------------------------------------------------------------------------------


class TestExports:
    def test_the_limit_is_checked_before_the_file_is_built(self, login, users, settings):
        settings.LIANXIN_EXPORT_RATE = (2, 60)
        CountedExport.built = 0
        client = login(users["office"])
        answers = [client.get("/generic/export/?export=xlsx").status_code for _ in range(3)]
        assert answers == [200, 200, 429] and CountedExport.built == 2  # counted once each, not built the third time

    def test_a_list_export_past_the_row_limit_asks_to_narrow_the_filters(self, login, users, settings):
        settings.LIANXIN_EXPORT_MAX_ROWS = 5
        client = login(users["office"])
        response = client.get("/orgs/search/?q=410883&export=xlsx")
        assert response.status_code == 302 and response["Location"] == "/orgs/search/?q=410883"
        assert "超过一次导出的上限 5 行" in messages_of(response)[0]
        small = client.get(f"/orgs/search/?q={XIGUO}201&export=xlsx")
        assert small["Content-Type"].startswith("application/vnd.openxmlformats")
