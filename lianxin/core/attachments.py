"""Attachments (photos and documents on ledgers, visits, applications): checked by content,
size-limited, stored under random names outside the static roots, images thumbnailed, and
served only as downloads through a view that found the owner in the user's scope
(security.md item 14).

Images are opened through `open_image` alone, which reads the header and refuses anything
over LIANXIN_MAX_IMAGE_PIXELS before a pixel is decoded: a 109 KB PNG can claim 30000×30000
pixels (2.7 GB to decode), and Pillow's own guard raises DecompressionBombError, which the
pages must answer in Chinese, not with a 500. The default, 50 megapixels, takes a full-size
photo from any current phone (12 MP usually, 48–50 MP sensors at full resolution, e.g.
8160×6120) while capping what one upload can cost: ≤ 200 MB to decode as RGBA, and a JPEG
thumbnail is decoded at reduced scale (`draft`) anyway.

A model that holds attachments subclasses `AttachmentBase` and adds a ForeignKey to its owner.
"""

import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from lianxin.core.uploads import UploadError, read_upload

THUMBNAIL_SIZE = (320, 320)
BROKEN_IMAGE = gettext_lazy("图片文件已损坏，无法打开")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", gettext_lazy("图片")
    DOCUMENT = "document", gettext_lazy("文档")


@dataclass(frozen=True)
class FileType:
    kind: str
    content_type: str
    extension: str


_ZIP_DOCUMENTS = {
    "word/": FileType(
        AttachmentKind.DOCUMENT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
    ),
    "xl/": FileType(
        AttachmentKind.DOCUMENT, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    ),
    "ppt/": FileType(
        AttachmentKind.DOCUMENT, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"
    ),
}


def sniff(data: bytes) -> FileType:
    """What the bytes are, whatever the file is called. Raises UploadError for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return _checked_image(data, FileType(AttachmentKind.IMAGE, "image/jpeg", "jpg"))
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _checked_image(data, FileType(AttachmentKind.IMAGE, "image/png", "png"))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _checked_image(data, FileType(AttachmentKind.IMAGE, "image/webp", "webp"))
    if data.startswith(b"%PDF-"):
        return FileType(AttachmentKind.DOCUMENT, "application/pdf", "pdf")
    if data.startswith(b"PK\x03\x04"):
        return _office_document(data)
    raise UploadError(_("不支持的文件类型。可上传照片（JPG/PNG/WEBP）或文档（PDF/Word/Excel/PPT）"))


def open_image(data: bytes) -> Image.Image:
    """The image with only its header read, after checking its size against the pixel limit.
    Raises UploadError with a Chinese message for a broken, bomb or oversized image."""
    limit = {"limit": settings.LIANXIN_MAX_IMAGE_PIXELS // 10_000}
    try:
        image = Image.open(BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise UploadError(_("图片尺寸过大（上限 %(limit)d 万像素），疑似异常文件，已拒绝") % limit) from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise UploadError(str(BROKEN_IMAGE)) from exc
    if image.width * image.height > settings.LIANXIN_MAX_IMAGE_PIXELS:
        image.close()
        raise UploadError(
            _("图片尺寸过大：%(w)d×%(h)d 像素，上限 %(limit)d 万像素。请调小分辨率后再上传")
            % {"w": image.width, "h": image.height, **limit}
        )
    return image


def _checked_image(data: bytes, file_type: FileType) -> FileType:
    with open_image(data) as image:
        try:
            image.verify()
        except (OSError, SyntaxError) as exc:
            raise UploadError(str(BROKEN_IMAGE)) from exc
    return file_type


def _office_document(data: bytes) -> FileType:
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            names = package.namelist()
    except zipfile.BadZipFile as exc:
        raise UploadError(_("文件已损坏，无法打开")) from exc
    if "[Content_Types].xml" in names:
        for folder, file_type in _ZIP_DOCUMENTS.items():
            if any(n.startswith(folder) for n in names):
                return file_type
    raise UploadError(_("不支持的文件类型。可上传照片（JPG/PNG/WEBP）或文档（PDF/Word/Excel/PPT）"))


def thumbnail(data: bytes) -> bytes:
    """A small JPEG. Shrinks before converting, so a JPEG decodes at reduced scale (`draft`)
    and no image over the pixel limit is decoded at all (`open_image`)."""
    with open_image(data) as image:
        try:
            image.thumbnail(THUMBNAIL_SIZE)
            small = image.convert("RGB")
        except (OSError, SyntaxError, ValueError) as exc:  # a header that lies about the pixels
            raise UploadError(str(BROKEN_IMAGE)) from exc
    out = BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()


def _random_name(instance, filename: str) -> str:
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{PurePath(filename).suffix}"


class AttachmentBase(models.Model):
    file = models.FileField(gettext_lazy("文件"), upload_to=_random_name, max_length=200)
    thumbnail = models.FileField(gettext_lazy("缩略图"), upload_to=_random_name, max_length=200, blank=True)
    original_name = models.CharField(gettext_lazy("原文件名"), max_length=200)
    content_type = models.CharField(gettext_lazy("类型"), max_length=120)
    kind = models.CharField(gettext_lazy("种类"), max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField(gettext_lazy("大小（字节）"))
    uploaded_at = models.DateTimeField(gettext_lazy("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE

    def fill_from_upload(self, upload) -> None:
        """Check `upload` and set the file fields; raises UploadError with a Chinese message."""
        data = read_upload(upload, settings.LIANXIN_MAX_UPLOAD_BYTES)
        file_type = sniff(data)
        name = PurePath(upload.name or "file").name[:150]
        self.original_name = name
        self.content_type = file_type.content_type
        self.kind = file_type.kind
        self.size = len(data)
        self.file.save(f"f.{file_type.extension}", ContentFile(data), save=False)
        if file_type.kind == AttachmentKind.IMAGE:
            self.thumbnail.save("t.jpg", ContentFile(thumbnail(data)), save=False)

    def download(self, thumb: bool = False) -> FileResponse:
        """Served as a download with nosniff, never rendered inline from an unknown type."""
        field = self.thumbnail if thumb and self.thumbnail else self.file
        response = FileResponse(
            field.open("rb"),
            as_attachment=not (thumb or self.is_image),
            filename=self.original_name,
            content_type="image/jpeg" if thumb and self.thumbnail else self.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
