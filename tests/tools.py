"""Real outside tools the tests use: LibreOffice, Chromium, PostgreSQL.

Locally a missing tool skips its tests with a clear reason; in CI
(HANDENPLANNER_REQUIRE_ALL_TOOLS=1, set by .ci/run) a missing tool fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


def require(available: bool, what: str) -> None:
    if available:
        return
    if os.environ.get("HANDENPLANNER_REQUIRE_ALL_TOOLS") == "1":
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} is not installed (see .ci/run for how CI installs it)")


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(path: Path, out_dir: Path, target: str = "pdf") -> Path:
    """Convert a workbook with LibreOffice; returns the produced file."""
    soffice = soffice_path()
    require(soffice is not None, "LibreOffice (soffice)")
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    produced = out_dir / (path.stem + "." + target.split(":")[0])
    assert result.returncode == 0 and produced.exists(), result.stdout + result.stderr
    return produced


def pdf_page_count(pdf: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    require(pdfinfo is not None, "pdfinfo (poppler-utils)")
    output = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(output)


def wait_until(condition, timeout_s: float = 20.0) -> bool:
    """Whether ``condition()`` became true within ``timeout_s`` (asked every 0,1 s): for work another
    process or thread does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
