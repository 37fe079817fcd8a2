"""The subjects the scheme scores, through the service and the pages: a post added, its person
renamed or given a login (someone holding a role there), removed only while nothing was scored,
each change audited; the office keeps them, a township only reads; out of scope is 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lianxin.assessment import services
from lianxin.assessment.choices import PeriodKind, SubjectKind
from lianxin.assessment.models import Subject
from lianxin.assessment.tests import factories as f
from lianxin.audit.models import AuditEvent
from lianxin.audit.services import Actor

pytestmark = pytest.mark.django_db


def test_rename_set_login_and_remove_while_unscored(users):
    office = Actor(user=users["office"])
    subject = f.subject()
    renamed = services.rename_subject(office, subject, name=" 李书记 ", user=None)
    assert renamed.pk == subject.pk and renamed.name == "李书记"
    with pytest.raises(ValidationError, match="登录账号须在该组织任职"):
        services.rename_subject(office, subject, name="李书记", user=users["neighbour"])
    services.remove_subject(office, subject)
    assert not Subject.objects.filter(pk=subject.pk).exists()
    removed = AuditEvent.objects.get(action="assessment.subject.remove")
    assert removed.object_id == str(subject.pk) and removed.org_code == f.XIGUO_VILLAGE


def test_a_scored_subject_stays_and_a_township_cannot_remove(users):
    subject = f.subject()
    period = f.scheme().periods.get(kind=PeriodKind.YEAR)
    services.save_score(f.SYSTEM, period, subject, {})
    assert not services.can_remove_subject(users["office"], subject)
    with pytest.raises(ValidationError, match="已有评分"):
        services.remove_subject(Actor(user=users["office"]), subject)
    with pytest.raises(PermissionDenied):
        services.remove_subject(Actor(user=users["township"]), subject)
    assert Subject.objects.filter(pk=subject.pk).exists()


def test_add_edit_and_remove_on_the_pages(users, login):
    office = login(users["office"])
    village = f.org(f.XIGUO_VILLAGE)
    response = office.post(
        reverse("assessment:subject_create"),
        {"org": village.pk, "kind": SubjectKind.STAR_LEADER, "name": "赵领星", "star": ""},
    )
    assert response.status_code == 200 and "领星人须注明所领星" in response.content.decode()
    office.post(
        reverse("assessment:subject_create"),
        {"org": village.pk, "kind": SubjectKind.STAR_LEADER, "name": "赵领星", "star": "产业兴旺星"},
    )
    subject = Subject.objects.get(org=village, kind=SubjectKind.STAR_LEADER)
    url = subject.get_absolute_url()
    page = office.get(url).content.decode()
    assert "data-confirm" in page and 'value="remove"' in page
    office.post(url, {"op": "save", "name": "钱领星", "user": ""})
    subject.refresh_from_db()
    assert subject.name == "钱领星"
    assert 'value="remove"' not in login(users["township"]).get(url).content.decode()
    assert login(users["township"]).post(url, {"op": "remove"}).status_code == 403
    response = office.post(url, {"op": "remove"})
    assert response["Location"] == reverse("assessment:subject_list")
    assert not Subject.objects.filter(pk=subject.pk).exists()
    f.subject(name="王书记"), f.subject(code=f.DADING_VILLAGE, name="孙书记")
    found = office.get(reverse("assessment:subject_list") + "?q=王").content.decode()
    assert "王书记" in found and "孙书记" not in found
