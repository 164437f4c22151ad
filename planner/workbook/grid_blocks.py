"""What goes into the week grids: one block per helper and one per group."""

from __future__ import annotations

from planner.model import Helper, Plan, Request, School, Session, name_key
from planner.timegrid import format_hours, format_time
from planner.workbook.grids import GridBlock, GridEntry


def group_label(group: str) -> str:
    """``5`` → ``Groep 5``; a name that already says ``groep`` stays as it is."""
    return group if name_key(group).startswith("groep") else f"Groep {group}"


def helper_blocks(school: School, plan: Plan) -> list[GridBlock]:
    group_colours = {name_key(group.name): index for index, group in enumerate(school.groups)}
    blocks = []
    for helper in school.helpers:
        entries = []
        for session in plan.sessions_of_helper(helper.name):
            request = school.request(session.request_id)
            if request is None:
                continue
            heading = f"{group_label(request.group)} · {request.task} · {request.teacher}"
            text = f"{heading}\n" + _details(school, request, session, helper=helper)
            colour = group_colours.get(name_key(request.group), 0)
            entries.append(GridEntry(session.day, session.start, session.end, text, colour, _brief(heading, session)))
        blocks.append(GridBlock(_helper_title(helper, entries), tuple(entries), school.unavailable_times(helper)))
    return blocks


def group_blocks(school: School, plan: Plan) -> list[GridBlock]:
    """Blocks for the groups that asked for help (with or without a plan for it)."""
    helper_colours = {name_key(helper.name): index for index, helper in enumerate(school.helpers)}
    blocks = []
    for group in school.groups:
        requests = [r for r in school.requests if name_key(r.group) == name_key(group.name)]
        if not requests:
            continue
        entries = []
        for request in requests:
            for session in plan.sessions_of(request.request_id):
                heading = f"{request.task} · {', '.join(session.helpers)}"
                text = f"{heading}\n" + _details(school, request, session)
                colour = helper_colours.get(name_key(session.helpers[0]), 0) if session.helpers else 0
                brief = _brief(heading, session)
                entries.append(GridEntry(session.day, session.start, session.end, text, colour, brief))
        blocks.append(GridBlock(_group_title(school, group.name, requests, entries), tuple(entries)))
    return blocks


def _brief(heading: str, session: Session) -> str:
    """The text for a session too short to hold all its details (they stay in ``Rooster``)."""
    return f"{heading} · {format_time(session.start)}–{format_time(session.end)}"


def _details(school: School, request: Request, session: Session, helper: Helper | None = None) -> str:
    parts = [f"{format_time(session.start)}–{format_time(session.end)}"]
    if request.subject:
        parts.append(request.subject)
    if helper is None:
        parts.append(request.teacher)
    location = school.location_of(request)
    if location:
        parts.append(location)
    pinned = {name_key(name) for name in session.pinned_helpers}
    if (helper is not None and name_key(helper.name) in pinned) or (helper is None and pinned):
        parts.append("vastgezet")
    if request.goal:
        parts.append(f"doel: {request.goal}")
    return " · ".join(parts)


def _helper_title(helper: Helper, entries: list[GridEntry]) -> str:
    minutes = sum(entry.end - entry.start for entry in entries)
    return (
        f"{helper.name} – {helper.role} · ingepland {format_hours(minutes)} van "
        f"{format_hours(helper.weekly_cap_min)} uur per week"
    )


def _group_title(school: School, group_name: str, requests: list[Request], entries: list[GridEntry]) -> str:
    teachers = sorted({request.teacher for request in requests})
    asked = sum(request.sessions_per_week for request in requests)
    title = f"{group_label(group_name)} – {', '.join(teachers)} · {len(entries)} van {asked} keer hulp ingepland"
    group = school.group(group_name)
    if group is not None and group.location:
        title += f" · locatie {group.location}"
    return title
