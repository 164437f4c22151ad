"""Build the sample school ``data/voorbeeldschool.xlsx`` and the blank template ``data/sjabloon.xlsx``.

The sample is OBS De Regenboog: a generated typical school (fixed seed) with a
few hand touches — its name, a group-plan period, the school's e-mail domain and
one pinned session. Rebuilding gives the same School, and even the same bytes:
the workbook's timestamps are fixed.

    .venv/bin/python scripts/build_sample_data.py [--out data]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.baseline import plan_by_hand  # noqa: E402
from planner.generate import demand_ratio_of, generate_school  # noqa: E402
from planner.model import Pin, Priority, School  # noqa: E402
from planner.workbook import write_school, write_template  # noqa: E402

SAMPLE_SEED = 2102  # 16 groups, 8 helpers, 72 requests (36% hoog), 6 duos, demand 1.52× capacity
SCHOOL_NAME = "OBS De Regenboog"
EMAIL_DOMAIN = "obsderegenboog.example"
PERIOD = (dt.date(2027, 2, 1), dt.date(2027, 6, 25))
FIXED_ZIP_TIME = (2026, 11, 1, 0, 0, 0)
FIXED_DOC_TIME = "2026-11-01T00:00:00Z"


def build_sample_school() -> School:
    """The sample school, the same every time."""
    school = generate_school("typical", seed=SAMPLE_SEED)
    settings = dataclasses.replace(
        school.settings, school_name=SCHOOL_NAME, period_start=PERIOD[0], period_end=PERIOD[1]
    )
    teachers = tuple(dataclasses.replace(t, email=_school_email(t.email)) for t in school.teachers)
    helpers = tuple(dataclasses.replace(h, email=_school_email(h.email)) for h in school.helpers)
    school = dataclasses.replace(school, settings=settings, teachers=teachers, helpers=helpers)
    return dataclasses.replace(school, pins=(_first_pin(school),))


def _school_email(email: str) -> str:
    return email.replace("@school.example", "@" + EMAIL_DOMAIN)


def _first_pin(school: School) -> Pin:
    """The leader pins the first 'hoog' session an onderwijsassistent got in the by-hand plan."""
    plan = plan_by_hand(school)
    for session in plan.sessions:
        request = school.request(session.request_id)
        helper = school.helper(session.helpers[0])
        if request.priority == Priority.HOOG and request.hands == 1 and helper.role == "onderwijsassistent":
            return Pin(request.request_id, helper.name, session.day, session.start)
    raise RuntimeError("no session to pin")


def fix_timestamps(path: Path) -> None:
    """Rewrite the .xlsx with fixed zip and document times, so a rebuild gives the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{FIXED_DOC_TIME}\2", text)
                data = text.encode("utf-8")
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw data/voorbeeldschool.xlsx en data/sjabloon.xlsx.")
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="map voor de bestanden (standaard data/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    school = build_sample_school()
    sample, template = args.out / "voorbeeldschool.xlsx", args.out / "sjabloon.xlsx"
    write_school(school, sample)
    write_template(template)
    for path in (sample, template):
        fix_timestamps(path)
    print(
        f"{sample}: {school.settings.school_name}, {len(school.groups)} groepen, {len(school.teachers)} leerkrachten, "
        f"{len(school.helpers)} ondersteuners, {len(school.requests)} aanvragen; "
        f"vraag/aanbod = {demand_ratio_of(school):.2f}"
    )
    print(f"{template}: leeg sjabloon")
    return 0


if __name__ == "__main__":
    sys.exit(main())
