"""Images made for upload tests: a PNG whose header claims any size over a tiny zlib-compressed
IDAT (a decompression bomb of a few hundred bytes), and real small PNGs."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


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
