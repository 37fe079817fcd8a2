"""An inline SVG QR code (no script, no outside service: the CSP and intranets allow it), for
every page that shows one: a household's plaque, an activity's sign-in sheet, an authenticator's
setup."""

import io

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # the QR library's own markup: paths, no text
