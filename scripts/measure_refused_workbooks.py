"""Measurement: how fast and how lean a workbook that will be refused is refused, from the CLI and the web upload.

Builds in a temporary folder the cases of issue 13 from the sample school (one sheet of about 2.2 million
cells in a file of a few MB, 50,000 request rows, 32,767-character texts, a zip bomb) plus the slowest
refusal the limits allow (three sheets that together just pass the total of cells), and for each, next to
the sample school itself, prints the wall time and the peak memory of

* ``handenplanner check`` run as a fresh child process (its ``ru_maxrss``), and the reading alone
  (``services.read_school``, which the command calls, timed inside another fresh child), and
* an upload to ``/planner/importeren`` through the Flask test client in a fresh child process (the time of the
  upload request alone; the peak memory of the whole child, app and login included).

The target: refused in under 2 s and within 50 MB of the peak memory that checking (or uploading) the
sample school takes. The command's wall time includes starting Python and loading the commands (2,5 s
and more on a busy machine), so the time column that counts is ``lezen``: the reading that refuses.
Not part of the unit tests; the machine is shared, so the load average is printed too.

    .venv/bin/python scripts/measure_refused_workbooks.py
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "voorbeeldschool.xlsx"
TARGET_S = 2.0
TARGET_EXTRA_MB = 50.0
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

READ_CHILD = """
import sys, time
from planner import services

started = time.monotonic()
try:
    services.read_school(sys.argv[1])
except services.WorkbookError:
    pass
print(f"{time.monotonic() - started:.3f}")
"""

UPLOAD_CHILD = """
import resource, sys, tempfile, time
from pathlib import Path
from web import create_app
from web.db import db
from web.store.users import create_user

folder = Path(tempfile.mkdtemp())
app = create_app({"SECRET_KEY": "meting", "INSTANCE_PATH": str(folder / "instance"), "WTF_CSRF_ENABLED": False,
                  "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'meting.sqlite'}", "RATELIMIT_ENABLED": False})
with app.app_context():
    db.create_all()
    create_user("planner@school.nl", "planner", "Petra Planner", "meet-wachtwoord-1")
    db.session.commit()
client = app.test_client()
client.post("/inloggen", data={"email": "planner@school.nl", "password": "meet-wachtwoord-1"})
path = Path(sys.argv[1])
started = time.monotonic()
with path.open("rb") as stream:
    response = client.post("/planner/importeren", data={"werkmap": (stream, path.name)},
                           content_type="multipart/form-data")
print(f"{time.monotonic() - started:.3f} {response.status_code}")
"""


def sheet_parts(workbook: Path) -> dict[str, str]:
    """The zip member of each sheet of a workbook that openpyxl saved (sheet1.xml, sheet2.xml … in tab order)."""
    titles = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    return {title: f"xl/worksheets/sheet{index}.xml" for index, title in enumerate(titles, start=1)}


def rewrite(source: Path, target: Path, members: dict[str, Callable[[], Iterator[bytes]]]) -> Path:
    """``source`` with some members replaced or added, each written in chunks (nothing huge held in memory)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            if name not in members:
                archive.writestr(name, original.read(name))
        for name, chunks in members.items():
            with archive.open(name, "w", force_zip64=True) as stream:
                for chunk in chunks():
                    stream.write(chunk)
    return target


def numbers_sheet(rows: int, columns: int, seed: int = 0) -> Callable[[], Iterator[bytes]]:
    """A worksheet of ``rows`` × ``columns`` numbers below 100, cells without references (as compact as it gets)."""

    def chunks() -> Iterator[bytes]:
        rng = random.Random(seed)
        yield f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>'.encode()
        for _ in range(rows):
            yield ("<row>" + "".join(f"<c><v>{rng.randrange(100)}</v></c>" for _ in range(columns)) + "</row>").encode()
        yield b"</sheetData></worksheet>"

    return chunks


def request_rows_sheet(sample: Path, rows: int, columns: int = 6) -> Callable[[], Iterator[bytes]]:
    """An Aanvragen sheet of ``rows`` requests: the sample's first one over and over (its first ``columns``
    columns: id, teacher, group, task, times a week, minutes), each with its own id."""
    sheet = openpyxl.load_workbook(sample)["Aanvragen"]
    header = [cell.value for cell in sheet[1]][:columns]
    first = [cell.value for cell in sheet[2]][:columns]

    def cell(value: object) -> str:
        if isinstance(value, int | float):
            return f"<c><v>{value}</v></c>"
        return f'<c t="inlineStr"><is><t>{value}</t></is></c>'

    def chunks() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{SPREADSHEET_NS}"><sheetData>'.encode()
        for values in [header] + [[f"A{number}", *first[1:]] for number in range(1, rows + 1)]:
            yield ("<row>" + "".join(cell(value) for value in values) + "</row>").encode()
        yield b"</sheetData></worksheet>"

    return chunks


def zeros(total_bytes: int) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        block = bytes(1024 * 1024)
        for _ in range(total_bytes // len(block)):
            yield block

    return chunks


def long_texts(sample: Path, target: Path) -> Path:
    """The sample school with a 32,767-character goal (Excel's maximum) in every request."""
    workbook = openpyxl.load_workbook(sample)
    sheet = workbook["Aanvragen"]
    column = [cell.value for cell in sheet[1]].index("doel") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value="d" * 32_767)
    workbook.save(target)
    return target


def build_cases(folder: Path) -> list[tuple[str, Path]]:
    sample = folder / "voorbeeldschool.xlsx"
    openpyxl.load_workbook(SAMPLE).save(sample)  # saved by openpyxl: its sheets are sheet1.xml … in tab order
    parts = sheet_parts(sample)
    requests = parts["Aanvragen"]
    return [
        ("voorbeeldschool (wordt geaccepteerd)", sample),
        (
            "2,2 miljoen cellen in één werkblad",
            rewrite(sample, folder / "cellen.xlsx", {requests: numbers_sheet(110_000, 20)}),
        ),
        (
            "50.000 aanvraagrijen",
            rewrite(sample, folder / "rijen.xlsx", {requests: request_rows_sheet(sample, 50_000)}),
        ),
        ("teksten van 32.767 tekens", long_texts(sample, folder / "teksten.xlsx")),
        ("zipbom (1 GB nullen)", rewrite(sample, folder / "zipbom.xlsx", {"xl/media/bom.bin": zeros(1024**3)})),
        (
            "slechtste geval: 3 × 100.001 cellen",
            rewrite(
                sample,
                folder / "drie-bladen.xlsx",
                {parts[title]: numbers_sheet(10_001, 10, seed) for seed, title in enumerate(list(parts)[:3])},
            ),
        ),
    ]


def run_child(command: list[str]) -> tuple[float, float, int, str]:
    """Wall time, peak memory in MB (``ru_maxrss`` of this child alone), exit code and output of one child."""
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile(mode="w+") as output:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=environment, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall_s = time.monotonic() - started
        output.seek(0)
        return wall_s, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), output.read()


def measure_check(workbook: Path) -> dict:
    """The whole command (wall time, peak memory, its first problem), and the reading alone in a second child."""
    wall_s, peak_mb, code, output = run_child([sys.executable, "-m", "handenplanner", "check", str(workbook)])
    lines = output.strip().splitlines()
    read_s = float(run_child([sys.executable, "-c", READ_CHILD, str(workbook)])[3].strip().splitlines()[-1])
    message = lines[1] if len(lines) > 1 else output
    return {"wall_s": wall_s, "read_s": read_s, "peak_mb": peak_mb, "exit": code, "message": message}


def measure_upload(workbook: Path) -> dict:
    _, peak_mb, code, output = run_child([sys.executable, "-c", UPLOAD_CHILD, str(workbook)])
    seconds, status = output.strip().splitlines()[-1].split()
    return {"wall_s": float(seconds), "peak_mb": peak_mb, "status": int(status), "exit": code}


def decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def file_size(size: int) -> str:
    return f"{decimal(size / 1024**2)} MB" if size >= 1024**2 else f"{size // 1024} kB"


def loads() -> str:
    return ", ".join(decimal(load, 2) for load in os.getloadavg())


def print_row(name: str, size: int, check: dict, upload: dict, base: tuple[dict, dict]) -> None:
    extra_check, extra_upload = check["peak_mb"] - base[0]["peak_mb"], upload["peak_mb"] - base[1]["peak_mb"]
    print(
        f"{name:<36} {file_size(size):>8} | {decimal(check['wall_s'], 2):>6} s"
        f" {decimal(check['read_s'], 2):>6} s"
        f" {check['peak_mb']:>5.0f} MB {extra_check:>+4.0f} MB | {decimal(upload['wall_s'], 2):>5} s"
        f" {upload['peak_mb']:>5.0f} MB {extra_upload:>+4.0f} MB | exit {check['exit']}, HTTP {upload['status']}"
    )


def within_target(check: dict, upload: dict, base: tuple[dict, dict]) -> bool:
    fast = check["read_s"] < TARGET_S and upload["wall_s"] < TARGET_S
    lean = max(check["peak_mb"] - base[0]["peak_mb"], upload["peak_mb"] - base[1]["peak_mb"]) <= TARGET_EXTRA_MB
    return fast and lean


def main() -> int:
    print(f"Belasting (uptime) bij de start: {loads()}")
    with tempfile.TemporaryDirectory() as folder:
        cases = build_cases(Path(folder))
        print(
            f"{'geval':<36} {'bestand':>8} | {'check':>8} {'lezen':>8} {'geheugen':>8} {'extra':>7} | "
            f"{'upload':>7} {'geheugen':>8} {'extra':>7} |"
        )
        results = [(name, path.stat().st_size, measure_check(path), measure_upload(path)) for name, path in cases]
    base = results[0][2], results[0][3]
    within = True
    for name, size, check, upload in results:
        print_row(name, size, check, upload, base)
        if name != results[0][0]:
            print(f"    {check['message'][:160]}")
            within &= within_target(check, upload, base)
    print(f"Belasting (uptime) aan het eind: {loads()}")
    verdict = "gehaald" if within else "niet gehaald"
    target = f"gelezen en geweigerd binnen {decimal(TARGET_S, 0)} s, hoogstens {TARGET_EXTRA_MB:.0f} MB extra"
    print(f"Doel ({target}): {verdict}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
