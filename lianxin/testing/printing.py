"""Printing what the product exports, in tests: LibreOffice converts the files to PDF and
poppler's pdfinfo/pdftotext read the pages back (issue 10: "look at each export printed").

Without LibreOffice the print tests skip, unless the CI variable is set: in CI they must run
(.ci/run installs libreoffice-calc, libreoffice-writer and poppler-utils). Each conversion
uses a private LibreOffice profile, so parallel runs do not fight over one, and a timeout."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE_SECONDS = 180
A4_LANDSCAPE, A4_PORTRAIT = (842, 595), (595, 842)


def require_soffice() -> str:
    found = shutil.which("soffice")
    if found is None or shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        message = (
            "LibreOffice (soffice) or poppler-utils missing: "
            "apt-get install libreoffice-calc libreoffice-writer poppler-utils"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def to_pdf(files: list[Path], folder: Path) -> dict[str, Path]:
    """Convert the files in one LibreOffice run; returns stem -> PDF."""
    soffice = require_soffice()
    profile = folder / "lo-profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=SOFFICE_SECONDS)
    pdfs = {f.stem: folder / f"{f.stem}.pdf" for f in files}
    missing = [stem for stem, pdf in pdfs.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return pdfs


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    """Each page's (width, height) in points, rounded."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out.stdout)
    return [(round(float(w)), round(float(h))) for w, h in sizes]


def page_text(pdf: Path, page: int = 1) -> str:
    """One page's text without white space (a cell's text may be spaced or broken)."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"\s+", "", out.stdout)
