"""Decompression bombs and oversized images (security.md item 14) on every upload path: the
ledger API, the measure page and the visit form answer a Chinese error, never a 500, and
nothing is saved. The bomb is made here: a PNG header claiming 30000×30000 pixels over a
tiny zlib-compressed IDAT, a few hundred bytes."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lianxin.conftest import YINGXIU, make_user
from lianxin.core.attachments import thumbnail
from lianxin.core.uploads import UploadError
from lianxin.liaison.models import Visit
from lianxin.liaison.tests import factories as f
from lianxin.planning.models import ProgressReport

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says width×height greyscale pixels, whatever its data holds."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def real_png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, "PNG")
    return buffer.getvalue()


BOMB = png_claiming(30000, 30000)
OVER_LIMIT = png_claiming(8200, 6200)  # 50.8 MP: just over the default 50 MP, under Pillow's own guard


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.png", data, content_type="image/png")


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


def test_the_pixel_limit_is_a_setting(plans, village_client, settings):
    settings.LIANXIN_MAX_IMAGE_PIXELS = 100 * 100
    body = post_measure_page(village_client, plans, real_png(120, 100)).content.decode()
    assert "120×100 像素，上限 1 万像素" in body
    assert post_measure_page(village_client, plans, real_png(100, 100)).status_code == 302


def test_an_image_whose_header_lies_about_its_pixels_is_refused(plans, village_client):
    body = post_measure_page(village_client, plans, png_claiming(2000, 2000)).content.decode()
    assert "图片文件已损坏" in body
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("data", [BOMB, OVER_LIMIT], ids=["bomb", "over-limit"])
def test_thumbnails_never_decode_a_huge_image(data, monkeypatch):
    def decode(*args, **kwargs):
        raise AssertionError("decoded a huge image")

    monkeypatch.setattr(Image.Image, "load", decode)
    with pytest.raises(UploadError, match="图片尺寸过大"):
        thumbnail(data)


def test_a_large_phone_photo_still_gets_its_thumbnail():
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "blue").save(buffer, "JPEG")
    with Image.open(io.BytesIO(thumbnail(buffer.getvalue()))) as small:
        assert max(small.size) == 320
