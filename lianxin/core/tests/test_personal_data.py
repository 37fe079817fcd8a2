"""Personal data on every path out (security.md items 12–13).

The personal-data fields of every model are pinned here: adding one is a reviewed act (change
PINNED together with the model's `personal_fields`), and a field that looks personal (a mobile,
a phone, an ID number, a contact) but is not declared fails. Each declared model has a case (the
core's below; each app's in `PERSONAL_DATA_CASES` of the test-case module its plugin names) that
stores known full values through the services; none of them may then appear in full in the
audit log, a page, an Excel export or the API, and each must show masked on one of them.
"""

import json
import re
from io import BytesIO

import django_tables2 as tables
import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework import serializers

from lianxin.accounts import services as accounts
from lianxin.accounts.forms import UserEditForm
from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor, record
from lianxin.conftest import PASSWORD, XIGUO
from lianxin.core.api import PersonalDataSerializerMixin
from lianxin.core.excel import XLSX_TYPE
from lianxin.core.personal import CONTACT, ID_CARD, MASKS, MOBILE, PHONE, mask, personal_fields
from lianxin.core.plugins import autodiscover_api, case_modules
from lianxin.core.tables import MaskedColumn
from lianxin.orgs.models import Org
from lianxin.testing.personal import PersonalDataCase

pytestmark = pytest.mark.django_db

PINNED = {
    "accounts.user": {"mobile": MOBILE},
    "registers.household": {"head_id_number": ID_CARD, "phone": PHONE},
    "registers.partymember": {"id_number": ID_CARD, "mobile": MOBILE},
    "registers.cadre": {"mobile": MOBILE},
    "planning.measure": {"responsible_mobile": MOBILE},
    "rating.objection": {"contact": CONTACT},
}

LOOKS_PERSONAL = re.compile(r"mobile|phone|id_number|id_card|idcard|contact")
LOOKS_PERSONAL_LABEL = ("手机", "电话", "身份证", "联系方式")


def _declared() -> dict[str, dict[str, str]]:
    return {m._meta.label_lower: personal_fields(m) for m in apps.get_models() if personal_fields(m)}


def _looks_personal(field) -> bool:
    label = str(getattr(field, "verbose_name", ""))
    return bool(LOOKS_PERSONAL.search(field.name)) or any(word in label for word in LOOKS_PERSONAL_LABEL)


def test_personal_fields_are_pinned():
    assert _declared() == PINNED


# Fields whose name or label looks personal but that hold no personal value, and why.
NOT_PERSONAL = {
    f"registers.{model}.{field}": "whether and when the person consented to keeping the ID number (PIPL)"
    for model in ("household", "partymember")
    for field in ("consent_given", "consent_on")
}


def test_every_field_that_looks_personal_is_declared():
    undeclared = [
        name
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if _looks_personal(field)
        and field.name not in personal_fields(model)
        and (name := f"{model._meta.label_lower}.{field.name}") not in NOT_PERSONAL
    ]
    assert not undeclared, "declare these in the model's personal_fields (core/personal.py)"


def test_declared_fields_exist_and_have_a_mask():
    for label, fields in _declared().items():
        model = apps.get_model(label)
        for name, kind in fields.items():
            assert kind in MASKS, f"{label}.{name}: unknown kind {kind!r}"
            model._meta.get_field(name)


def test_every_serializer_that_shows_personal_data_masks_it():
    autodiscover_api()
    unmasked = []
    for serializer in _subclasses(serializers.ModelSerializer):
        declared = personal_fields(getattr(getattr(serializer, "Meta", None), "model", None))
        if not declared or issubclass(serializer, PersonalDataSerializerMixin):
            continue
        shown = [name for name, f in serializer().fields.items() if f.source in declared and not f.write_only]
        if shown:
            unmasked.append(f"{serializer.__module__}.{serializer.__name__}: {shown}")
    assert not unmasked, "add PersonalDataSerializerMixin (core/api.py) to these"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


# --- every path out, for every declared model -------------------------------------------------


def _user_personal(users, plans):
    """A township clerk's account, created with a mobile that is then changed."""
    first, second = "13912340004", "13912340005"
    system = Actor.system("tests")
    user = accounts.create_user(
        system,
        username="clerk",
        password=PASSWORD,
        name="文书",
        mobile=first,
        assignments=[(Role.TOWNSHIP, Org.objects.get(code=XIGUO))],
    )
    accounts.update_user(system, user, name="文书", mobile=second, is_active=True)
    return PersonalDataCase(
        raw=[("mobile", first), ("mobile", second)],
        user="sysadmin",
        pages=[("accounts:user_list", {}, {}), ("accounts:user_detail", {"pk": user.pk}, {})],
        exports=[("accounts:user_list", {}, {"export": "xlsx"})],
    )


# The core's own models; each app brings its own (see the module docstring).
PERSONAL_DATA_CASES = {User: _user_personal}
for _module in case_modules():
    PERSONAL_DATA_CASES |= getattr(_module, "PERSONAL_DATA_CASES", {})


def test_every_declared_model_has_a_case():
    assert {m._meta.label_lower for m in PERSONAL_DATA_CASES} == set(_declared())


@pytest.mark.parametrize("model", list(PERSONAL_DATA_CASES), ids=lambda m: m._meta.label_lower)
def test_personal_data_never_leaves_in_full(model, users, plans, login):
    case = PERSONAL_DATA_CASES[model](users, plans)
    client = login(users[case.user])
    outputs = {"audit log": json.dumps(list(AuditEvent.objects.values("before", "after")), ensure_ascii=False)}
    for name, kwargs, query in case.pages + case.api:
        response = client.get(reverse(name, kwargs=kwargs), query)
        assert response.status_code == 200, name
        outputs[name] = response.content.decode()
    for name, kwargs, query in case.exports:
        response = client.get(reverse(name, kwargs=kwargs), query)
        assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE, name
        outputs[f"{name} (Excel)"] = _workbook_text(response.content)
    kinds = personal_fields(model)
    for field, value in case.raw:
        leaks = [where for where, text in outputs.items() if value in text]
        assert not leaks, f"{model.__name__}.{field} in full in: {leaks}"
        assert any(mask(kinds[field], value) in text for text in outputs.values()), (
            f"{model.__name__}.{field} shows masked nowhere: the case opens no path that shows it"
        )


def _workbook_text(content: bytes) -> str:
    book = load_workbook(BytesIO(content), read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row)


# --- what is shown masked comes back unchanged ------------------------------------------------


def test_an_edit_form_shows_the_mobile_masked_and_keeps_it_when_posted_back(users):
    user = users["township"]  # mobile 13800138000
    form = UserEditForm(user=user, initial={"mobile": user.mobile})
    assert form["mobile"].value() == "138****8000"
    posted = UserEditForm({"name": "x", "mobile": "138****8000", "is_active": "on"}, user=user)
    assert posted.is_valid(), posted.errors
    assert posted.cleaned_data["mobile"] == "13800138000"
    changed = UserEditForm({"name": "x", "mobile": "13900000000", "is_active": "on"}, user=user)
    assert changed.is_valid() and changed.cleaned_data["mobile"] == "13900000000"


def test_an_api_client_writing_back_the_masked_mobile_keeps_the_stored_one(users, plans, login):
    client = login(users["village"])
    measure = plans["other_measure"]  # 迎秀社区, responsible mobile 13800000001
    url = reverse("measure-detail", kwargs={"pk": measure.pk})
    shown = client.get(url).json()
    assert shown["responsible_mobile"] == "138****0001"
    body = {**shown, "description": "改了措施内容", "work_item": shown["work_item"]}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    measure.refresh_from_db()
    assert (measure.description, measure.responsible_mobile) == ("改了措施内容", "13800000001")
    refused = client.patch(url, {"responsible_mobile": "138****9999"}, content_type="application/json")
    assert refused.status_code == 400


def test_an_event_written_before_masking_is_shown_masked(login, users):
    """The log is append-only: an event from before snapshots masked keeps its full mobile,
    and every way an auditor reads it masks it."""
    event = record(
        Actor.system("t"),
        "accounts.user.update",
        obj=users["township"],
        org_code=XIGUO,
        after={"mobile": "13912349999"},
    )
    client = login(users["auditor"])
    pages = {
        "detail": client.get(reverse("audit:event_detail", kwargs={"seq": event.seq})),
        "export": client.get(reverse("audit:event_list"), {"export": "xlsx"}),
        "api": client.get(reverse("audit-event-detail", kwargs={"seq": event.seq})),
    }
    texts = {name: _workbook_text(r.content) if name == "export" else r.content.decode() for name, r in pages.items()}
    assert all("139****9999" in text and "13912349999" not in text for text in texts.values()), texts


def test_a_table_column_made_from_a_declared_field_is_masked(users):
    class Table(tables.Table):
        class Meta:
            model = User
            fields = ("username", "mobile")

    table = Table([users["township"]])
    assert isinstance(table.base_columns["mobile"], MaskedColumn)
    assert table.rows[0].get_cell("mobile") == "138****8000"
    assert list(table.as_values()) == [["用户名", "手机号"], ["township", "138****8000"]]
