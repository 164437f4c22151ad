"""The line under ``Overzicht``'s title (which plan this is: a concept, or published when), set in a
finished result workbook without writing it again.

A result workbook of a large school takes seconds to write, but only this one line differs between the
concept and the published plan, or between two publications of one run. So the workbook is written once
with ``STATUS_PLACEHOLDER`` as that line, and ``with_plan_status`` puts the real line in its place: the
line is one ``<t>`` element in one of the workbook's XML parts (a sheet's inline text, or the shared
texts), swapped in the zip without loading the sheets.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

STATUS_PLACEHOLDER = "{{handenplanner:planstatus}}"


class StatusLineMissingError(ValueError):
    """The workbook does not hold the placeholder line exactly once: it was not written with it."""


def with_plan_status(data: bytes, plan_status: str) -> bytes:
    """``data`` (a result workbook written with ``STATUS_PLACEHOLDER``) with ``plan_status`` in its place."""
    placeholder = f"<t>{escape(STATUS_PLACEHOLDER)}</t>".encode()
    line = f'<t xml:space="preserve">{escape(plan_status)}</t>'.encode()
    output = io.BytesIO()
    found = 0
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/") and item.filename.endswith(".xml") and placeholder in content:
                found += content.count(placeholder)
                content = content.replace(placeholder, line)
            target.writestr(item, content)
    if found != 1:
        raise StatusLineMissingError(f"{found} keer")
    return output.getvalue()
