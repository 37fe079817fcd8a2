"""What the phone's offline queue (static/js/offline.js) relies on: a visit sent again under the
same client id is the same visit, and a queued submission gets its answer — or the Chinese
reason of a refusal — as JSON."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.core.views.forms import QUEUE_HEADER
from lianxin.liaison import services
from lianxin.liaison.models import Visit
from lianxin.liaison.tests import factories as f

pytestmark = pytest.mark.django_db
QUEUED = {f"HTTP_{QUEUE_HEADER.upper().replace('-', '_')}": "1"}


def _post(client, household, client_id, **extra):
    data = {
        "village": household.org.code,
        "household": household.pk,
        "way": "door",
        "day": timezone.localdate().isoformat(),
        "client_id": str(client_id),
        "photo": f.photo(),
        **extra,
    }
    return client.post(reverse("liaison:visit_create"), data, **QUEUED)


def test_a_resend_is_answered_with_the_original_visit(users):
    h = f.household(code=f.YINGXIU)
    actor, key = Actor(user=users["member"]), uuid.uuid4()
    first = services.log_visit(actor, h, day=timezone.localdate(), way="door", client_id=key)
    again = services.log_visit(actor, h, day=timezone.localdate(), way="phone", client_id=key)
    assert again.pk == first.pk and again.way == "door"
    assert Visit.objects.filter(household=h).count() == 1
    # Another user's record with the same id is another visit: ids are per user.
    other = services.log_visit(Actor(user=users["village"]), h, day=timezone.localdate(), way="door", client_id=key)
    assert other.pk != first.pk


def test_queued_submissions_get_json_and_a_replay_makes_no_duplicate(login, users):
    h = f.household(code=f.YINGXIU)
    client, key = login(users["member"]), uuid.uuid4()
    for _ in range(2):
        response = _post(client, h, key)
        assert response.status_code == 200 and response.json()["ok"] is True
    visit = Visit.objects.get(household=h)
    assert visit.client_id == key and visit.photos.count() == 1


def test_a_refused_record_gets_the_chinese_reason(login, users):
    h = f.household(code=f.YINGXIU)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _post(login(users["member"]), h, uuid.uuid4(), day=tomorrow.isoformat())
    assert response.status_code == 400
    assert "走访日期不能晚于今天" in response.json()["message"]
    assert not Visit.objects.filter(household=h).exists()


def test_a_household_out_of_scope_is_refused(login, users):
    outside = f.household(code=f.XIGUO_VILLAGE)  # 西虢镇: not the member's 迎秀社区
    response = _post(login(users["member"]), outside, uuid.uuid4(), village=f.YINGXIU)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert not Visit.objects.filter(household=outside).exists()
