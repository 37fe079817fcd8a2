"""Recording a branch meeting over the API: the same service as the page (branch members only,
a reason for every absence), scoped — a village out of scope is refused, a role without the
record action 403."""

import pytest

from lianxin.branchlife.models import Meeting
from lianxin.branchlife.tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/branchlife/meetings/"


def body(present=(), absent=(), village=f.XIGUO_VILLAGE):
    return {
        "village": village,
        "kind": "theme_day",
        "date": "2026-03-05",
        "topic": "学习党章",
        "present": [m.pk for m in present],
        "absent": [{"member": m.pk, "reason": r} for m, r in absent],
    }


def test_record_with_attendance(login, users):
    a, b = f.member(name="甲"), f.member(name="乙")
    answer = login(users["township"]).post(URL, body([a], [(b, "外出务工")]), content_type="application/json")
    assert answer.status_code == 201, answer.content
    rows = {(x["member_name"], x["present"], x["absence_reason"]) for x in answer.json()["attendance"]}
    assert rows == {("甲", True, ""), ("乙", False, "外出务工")}


def test_the_services_rules_hold(login, users):
    a, b = f.member(name="甲"), f.member(name="乙")
    client = login(users["township"])
    answer = client.post(URL, body([a], [(b, " ")]), content_type="application/json")
    assert answer.status_code == 400
    outsider = f.member(f.DADING_VILLAGE, name="丙")
    answer = client.post(URL, body([a, outsider]), content_type="application/json")
    assert answer.json() == {"present": ["不存在或不在您的范围内"]}
    answer = client.post(URL, body([outsider], village=f.DADING_VILLAGE), content_type="application/json")
    assert "village" in answer.json()
    assert not Meeting.objects.exists()


def test_a_member_may_not_record(login, users):
    m = f.member(f.YINGXIU, name="甲")
    answer = login(users["member"]).post(URL, body([m], village=f.YINGXIU), content_type="application/json")
    assert answer.status_code == 403 and not Meeting.objects.exists()
