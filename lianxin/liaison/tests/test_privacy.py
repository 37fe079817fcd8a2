"""Liaison's part in the registers' PIPL duties (liaison/privacy.py): a person's export holds
their visits and matters, and anonymising a household strips what liaison holds about it while
keeping the rows the statistics count."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lianxin.audit.models import AuditEvent
from lianxin.liaison.models import Matter, MatterStep, VillageLiaison, Visit
from lianxin.liaison.services import log_visit, report_matter
from lianxin.liaison.tests import factories as f
from lianxin.registers import privacy
from lianxin.registers import services as registers

pytestmark = pytest.mark.django_db


def export(client, kind: str, pk: int) -> dict[str, str]:
    response = client.post(reverse(f"registers:{kind}_personal", kwargs={"pk": pk}), {"do": "export", "reason": "x"})
    book = load_workbook(io.BytesIO(response.content))
    return {ws.title: " ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c) for ws in book}


def test_a_household_s_export_holds_its_visits_and_matters(login, users):
    h = f.household()
    f.visit(h, f.member(name="李红梅"), raised="屋顶漏雨", make_matter=True)
    book = export(login(users["township"]), "household", h.pk)
    assert "屋顶漏雨" in book["走访记录"] and "李红梅" in book["走访记录"] and "上门" in book["走访记录"]
    assert "屋顶漏雨" in book["诉求事项"] and "村级" in book["诉求事项"]


def test_a_member_s_export_lists_their_visits_without_what_households_said(login, users):
    m = f.member()
    f.visit(f.household(number="031", head_name="别人家"), m, raised="别人家的事")
    visits = export(login(users["township"]), "member", m.pk)["走访记录"]
    assert "031" in visits and "别人家" not in visits


def test_anonymising_a_household_strips_liaison_s_text_and_photos_but_keeps_the_counts(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    h = f.household()
    with_photo = log_visit(f.SYSTEM, h, day=timezone.localdate(), way="door", photo=f.photo())
    f.visit(h, raised="王建国家屋顶漏雨", make_matter=True)
    other = f.visit(f.household(number="002"), raised="路灯不亮")
    files = [p.file.name for p in with_photo.photos.all()] + [p.thumbnail.name for p in with_photo.photos.all()]
    assert all(default_storage.exists(name) for name in files)
    registers.record_departure(f.SYSTEM, h, "moved", timezone.localdate() - timedelta(days=1200))
    summary = VillageLiaison.objects.filter(code=f.XIGUO_VILLAGE).values().get()
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.anonymise_departed(f.SYSTEM, 1095) == 1
    assert Visit.objects.filter(household=h).count() == 2
    assert set(Visit.objects.filter(household=h).values_list("raised", flat=True)) == {""}
    matter = Matter.objects.get(household=h)
    assert (matter.title, matter.description, matter.category) == (privacy.ANONYMOUS_NAME, "", "livelihood")
    assert set(MatterStep.objects.filter(matter=matter).values_list("note", flat=True)) == {""}
    assert not with_photo.photos.exists() and not any(default_storage.exists(name) for name in files)
    assert Visit.objects.get(pk=other.pk).raised == "路灯不亮"
    assert VillageLiaison.objects.filter(code=f.XIGUO_VILLAGE).values().get() == summary
    event = AuditEvent.objects.get(action="registers.household.anonymise")
    assert (event.after["visits"], event.after["matters"], event.after["visit_photos"]) == (2, 1, 1)


def test_nothing_new_is_recorded_about_an_anonymised_household():
    h = f.household()
    registers.record_departure(f.SYSTEM, h, "closed", timezone.localdate() - timedelta(days=1200))
    privacy.anonymise_departed(f.SYSTEM, 1095)
    h.refresh_from_db()
    with pytest.raises(ValidationError, match="匿名化"):
        f.visit(h, raised="新情况")
    with pytest.raises(ValidationError, match="匿名化"):
        report_matter(f.SYSTEM, h.org, title="x", category="other", household=h)
    assert not Visit.objects.exists() and not Matter.objects.exists()
