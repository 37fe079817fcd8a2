"""Decompression bombs and oversized images on the visit form answer a Chinese error, never a
500, and nothing is saved."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lianxin.conftest import YINGXIU
from lianxin.liaison.models import Visit
from lianxin.liaison.tests import factories as f
from lianxin.testing.images import BOMB, OVER_LIMIT, upload

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


@pytest.mark.parametrize(
    ("data", "message"), [(BOMB, "疑似异常文件"), (OVER_LIMIT, "8200×6200")], ids=["bomb", "over-limit"]
)
def test_the_visit_form_refuses_bombs_and_oversized_images(login, users, data, message):
    household = f.household(code=YINGXIU)
    response = login(users["member"]).post(
        reverse("liaison:visit_create"),
        {"village": YINGXIU, "household": household.pk, "way": "door", "day": TODAY, "photo": upload(data)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "图片尺寸过大" in body and message in body
    assert not Visit.objects.exists()
