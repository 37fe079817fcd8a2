"""Checking uploaded files by what they are, not what they are called (security.md item 14)."""

import zipfile
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

XLSX_MAX_UNPACKED = 100 * 1024 * 1024  # a real 50,000-row sheet unpacks to ~20 MB
XLSX_MAX_RATIO = 200  # zip bombs compress thousands to one
ZIP_MAGIC = b"PK\x03\x04"


class UploadError(Exception):
    pass


def read_upload(upload, max_bytes: int | None = None) -> bytes:
    limit = max_bytes or settings.LIANXIN_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise UploadError(
            _("文件过大：%(size).1f MB，上限 %(limit)d MB") % {"size": upload.size / 1048576, "limit": limit // 1048576}
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadError(_("文件过大，上限 %(limit)d MB") % {"limit": limit // 1048576})
    return data


def open_xlsx(data: bytes):
    """A read-only openpyxl workbook, after checking the bytes are a sane .xlsx package."""
    if not data.startswith(ZIP_MAGIC):
        raise UploadError(_("文件不是 Excel（.xlsx）格式。请用模板填写后另存为 .xlsx 再上传"))
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile as exc:
        raise UploadError(_("文件已损坏，无法作为 Excel 打开")) from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise UploadError(_("文件不是 Excel（.xlsx）格式。请用模板填写后另存为 .xlsx 再上传"))
    if unpacked > XLSX_MAX_UNPACKED or unpacked > XLSX_MAX_RATIO * max(len(data), 1):
        raise UploadError(_("文件解压后过大，疑似异常文件，已拒绝"))
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for malformed packages
        raise UploadError(_("文件无法作为 Excel 读取：%(err)s") % {"err": exc.__class__.__name__}) from exc


def workbook_sheets(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows (values only) by sheet name, for a workbook of several sheets."""
    workbook = open_xlsx(data)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def sheet_rows(data: bytes, header: list[str], max_rows: int = 50_000):
    """Rows of the first sheet as dicts keyed by the template header, with their Excel row
    numbers; checks the header matches the template."""
    workbook = open_xlsx(data)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        found = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        missing = [h for h in header if h not in found]
        if missing:
            raise UploadError(_("第1行表头缺少列：%(cols)s。请使用页面提供的模板") % {"cols": "、".join(missing)})
        index = {h: found.index(h) for h in header}
        result = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(result) >= max_rows:
                raise UploadError(_("行数超过上限 %(n)d") % {"n": max_rows})
            result.append((number, {h: _text(values, i) for h, i in index.items()}))
        return result
    finally:
        workbook.close()


def _text(values, i) -> str:
    value = values[i] if i < len(values) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores typed-in mobile numbers as floats
    return str(value).strip()
