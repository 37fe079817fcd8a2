"""Decompression bombs and oversized images (security.md item 14): thumbnails never decode a
huge image. The upload paths are tested in their apps (planning, liaison)."""

import io

import pytest
from PIL import Image

from lianxin.core.attachments import thumbnail
from lianxin.core.uploads import UploadError
from lianxin.testing.images import BOMB, OVER_LIMIT


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
