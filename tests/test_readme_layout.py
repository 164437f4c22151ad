"""The README's layout block names every package and top-level module there is, and nothing that is not.

A newcomer reads the tree there first; a moved or added module that the README
does not name (or names wrongly) fails here, not in a newcomer's head.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_LISTED = {"__init__.py", "__main__.py", "__pycache__", "static"}


def layout_paths() -> set[str]:
    """The paths the README's Layout block names: ``name/`` or ``name.py`` at the start of a line, nested by indent."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Layout\n.*?```\n(.*?)```", readme, flags=re.S).group(1)
    paths, parents = set(), {}
    for line in block.splitlines():
        match = re.match(r"( *)(\S+)", line)
        indent, name = len(match.group(1)), match.group(2)
        parent = parents.get(indent - 2, "") if indent else ""
        path = parent + name
        paths.add(path.rstrip("/"))
        parents[indent] = path if name.endswith("/") else parents.get(indent, "")
    return paths


def tree_paths() -> set[str]:
    found = set()
    for package in ("planner", "web"):
        for child in (ROOT / package).iterdir():
            if child.name in NOT_LISTED or child.name.startswith("."):
                continue
            if child.is_dir() or child.suffix == ".py":
                found.add(f"{package}/{child.name}")
    return found


def test_the_readme_layout_names_every_package_and_module_of_the_tree():
    named = layout_paths()
    assert tree_paths() - named == set(), "in the tree but not in the README"


def test_everything_the_readme_layout_names_exists():
    missing = {path for path in layout_paths() if not (ROOT / path).exists()}
    assert missing == set()
