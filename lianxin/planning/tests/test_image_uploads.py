"""Decompression bombs and oversized images on the ledger's upload paths (the measure page and
the API) answer a Chinese error, never a 500, and nothing is saved."""

import pytest
from django.utils import timezone

from lianxin.conftest import make_user
from lianxin.planning.models import ProgressReport
from lianxin.testing.images import BOMB, OVER_LIMIT, png_claiming, real_png, upload

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def village_client(plans, login):
    return login(make_user("xiguo_village", "village", plans["plan"].org.code))


def post_measure_page(client, plans, data):
    return client.post(
        f"/planning/measures/{plans['measure'].pk}/",
        {"date": TODAY, "progress": 50, "text": "x", "files": [upload(data)]},
    )


def post_api(client, plans, data):
    return client.post(
        "/api/v1/progress-reports/",
        {"measure": plans["measure"].pk, "date": TODAY, "text": "x", "progress": 50, "files": [upload(data)]},
    )


@pytest.mark.parametrize("post", [post_measure_page, post_api], ids=["page", "api"])
@pytest.mark.parametrize(
    ("data", "message"), [(BOMB, "疑似异常文件"), (OVER_LIMIT, "8200×6200")], ids=["bomb", "over-limit"]
)
def test_ledger_uploads_refuse_bombs_and_oversized_images(plans, village_client, post, data, message):
    response = post(village_client, plans, data)
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "图片尺寸过大" in body and message in body
    assert not ProgressReport.objects.exists()


def test_the_pixel_limit_is_a_setting(plans, village_client, settings):
    settings.LIANXIN_MAX_IMAGE_PIXELS = 100 * 100
    body = post_measure_page(village_client, plans, real_png(120, 100)).content.decode()
    assert "120×100 像素，上限 1 万像素" in body
    assert post_measure_page(village_client, plans, real_png(100, 100)).status_code == 302


def test_an_image_whose_header_lies_about_its_pixels_is_refused(plans, village_client):
    body = post_measure_page(village_client, plans, png_claiming(2000, 2000)).content.decode()
    assert "图片文件已损坏" in body
    assert not ProgressReport.objects.exists()
